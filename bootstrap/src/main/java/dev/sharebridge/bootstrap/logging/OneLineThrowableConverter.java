package dev.sharebridge.bootstrap.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %oneLineEx}: the whole stack trace (as {@code %ex{full}}) on the event's own line, its
 * lines parted by {@code " | "}, every secret its messages quote masked ({@link SecretMask});
 * nothing when the event has no exception.
 */
public final class OneLineThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return event.getThrowableProxy() == null ? "" : SecretMask.mask(OneLine.trace(super.convert(event)));
    }
}
