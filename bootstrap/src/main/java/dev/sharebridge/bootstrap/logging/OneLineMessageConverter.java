package dev.sharebridge.bootstrap.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %oneLineMsg}: the formatted message with every run of line breaks folded into a space
 * and every secret it quotes masked ({@link SecretMask}).
 */
public final class OneLineMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return SecretMask.mask(OneLine.message(event.getFormattedMessage()));
    }
}
