package dev.sharebridge.bootstrap.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %oneLineMsg}: the formatted message with every run of line breaks folded into a space. */
public final class OneLineMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return OneLine.message(event.getFormattedMessage());
    }
}
