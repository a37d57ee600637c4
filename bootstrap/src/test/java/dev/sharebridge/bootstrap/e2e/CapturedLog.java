package dev.sharebridge.bootstrap.e2e;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Every event any logger of this JVM writes while it is attached (to the root logger, beside the
 * shipped appender), and a wait for one that is still to come: the condition is checked each time
 * an event arrives, never by sleeping.
 */
final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    static final String ACCESS = "dev.sharebridge.http.access";
    private final List<ILoggingEvent> events = new ArrayList<>();

    private CapturedLog() {}

    /** A started appender on the root logger. */
    static CapturedLog attach() {
        CapturedLog log = new CapturedLog();
        log.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        log.setName("captured-" + System.identityHashCode(log));
        log.start();
        root().addAppender(log);
        return log;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
        notifyAll();
    }

    synchronized List<ILoggingEvent> events() {
        return List.copyOf(events);
    }

    /** The formatted messages of the access log, in order. */
    synchronized List<String> accessLines() {
        return events.stream()
                .filter(e -> e.getLoggerName().equals(ACCESS))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** The first event matching {@code condition}, waiting for it at most {@code timeout}. */
    synchronized Optional<ILoggingEvent> await(Predicate<ILoggingEvent> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < events.size(); seen++) {
                if (condition.test(events.get(seen))) {
                    return Optional.of(events.get(seen));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** The first access line containing every one of {@code parts}, waiting for it at most {@code timeout}. */
    String awaitAccessLine(Duration timeout, String... parts) throws InterruptedException {
        return await(e -> e.getLoggerName().equals(ACCESS) && containsAll(e.getFormattedMessage(), parts), timeout)
                .map(ILoggingEvent::getFormattedMessage)
                .orElseThrow(() -> new AssertionError(
                        "no access line with " + List.of(parts) + " within " + timeout + "; got " + accessLines()));
    }

    private static boolean containsAll(String text, String... parts) {
        for (String part : parts) {
            if (!text.contains(part)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }

    /** A line per event, for assertion messages. */
    static List<String> describe(List<ILoggingEvent> events) {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : events) {
            lines.add(e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null
                            ? ""
                            : " [" + e.getThrowableProxy().getClassName() + ": "
                                    + e.getThrowableProxy().getMessage() + "]"));
        }
        return lines;
    }
}
