package dev.sharebridge.bootstrap.logging;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batching appender writing to a captured {@code System.out}, and the shipped logback.xml using it. */
class BatchingConsoleAppenderTest {
    private static final String ACCESS = BatchingConsoleAppender.ACCESS_LOGGER;
    private static final String OTHER = "dev.sharebridge.test";
    private static final long NEVER_MILLIS = TimeUnit.HOURS.toMillis(1);

    private final PrintStream original = System.out;
    private final Captured captured = new Captured();
    private LoggerContext context;
    private BatchingConsoleAppender appender;

    @BeforeEach
    void captureStdout() {
        System.setOut(new PrintStream(captured, false, UTF_8));
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void restoreStdout() {
        try {
            if (appender != null) {
                appender.stop();
            }
            context.stop();
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void anAccessLineWaitsUntilStop() {
        start(NEVER_MILLIS, 32 * 1024);

        context.getLogger(ACCESS).info("GET /s/{token} 200");
        context.getLogger(ACCESS).debug("debug waits too");

        assertThat(captured.output()).isEmpty();
        appender.stop();
        assertThat(captured.lines())
                .containsExactly("INFO " + ACCESS + " GET /s/{token} 200", "DEBUG " + ACCESS + " debug waits too");
        assertThat(captured.writes()).hasSize(1);
    }

    @Test
    void anotherLoggersEventWritesTheBufferedLinesAndItselfInOneWrite() {
        start(NEVER_MILLIS, 32 * 1024);

        context.getLogger(ACCESS).info("first");
        context.getLogger(ACCESS).info("second");
        context.getLogger(OTHER).info("third");

        assertThat(captured.lines())
                .containsExactly("INFO " + ACCESS + " first", "INFO " + ACCESS + " second", "INFO " + OTHER + " third");
        assertThat(captured.writes()).hasSize(1);
    }

    @Test
    void warningsAndErrorsOfTheAccessLoggerAreWrittenAtOnce() {
        start(NEVER_MILLIS, 32 * 1024);
        Logger access = context.getLogger(ACCESS);

        access.info("buffered");
        access.warn("slow");
        assertThat(captured.lines()).containsExactly("INFO " + ACCESS + " buffered", "WARN " + ACCESS + " slow");

        access.error("broken");
        assertThat(captured.lines()).endsWith("ERROR " + ACCESS + " broken");
    }

    @Test
    void flushMillisZeroWritesEveryEventAtOnce() {
        start(0, 32 * 1024);

        context.getLogger(ACCESS).info("one");
        assertThat(captured.lines()).containsExactly("INFO " + ACCESS + " one");
        context.getLogger(ACCESS).info("two");

        assertThat(captured.writes())
                .containsExactly(
                        "INFO " + ACCESS + " one" + System.lineSeparator(),
                        "INFO " + ACCESS + " two" + System.lineSeparator());
        assertThat(appender.flusher()).isNull();
    }

    @Test
    void aLineThatDoesNotFitWritesTheBufferFirst() {
        String line = "INFO " + ACCESS + " 123456789" + System.lineSeparator();
        start(NEVER_MILLIS, line.length() * 2 + 1);
        Logger access = context.getLogger(ACCESS);

        access.info("123456789");
        access.info("123456789");
        assertThat(captured.writes()).isEmpty();
        access.info("123456789");

        assertThat(captured.writes()).containsExactly(line + line);
        appender.stop();
        assertThat(captured.writes()).containsExactly(line + line, line);
    }

    @Test
    void anEventLargerThanTheBufferIsWrittenWholeAndInOrder() {
        start(NEVER_MILLIS, 64);
        String large = "x".repeat(200);

        context.getLogger(ACCESS).info("small");
        context.getLogger(ACCESS).info(large);

        assertThat(captured.writes())
                .containsExactly(
                        "INFO " + ACCESS + " small" + System.lineSeparator(),
                        "INFO " + ACCESS + " " + large + System.lineSeparator());
        context.getLogger(ACCESS).info("after");
        appender.stop();
        assertThat(captured.lines())
                .containsExactly(
                        "INFO " + ACCESS + " small", "INFO " + ACCESS + " " + large, "INFO " + ACCESS + " after");
    }

    @Test
    void theFlusherThreadWritesBufferedLinesWithoutAnyOtherEvent() throws InterruptedException {
        start(20, 32 * 1024);
        Thread flusher = appender.flusher();
        assertThat(flusher.getName()).isEqualTo("sharebridge-log-flusher");
        assertThat(flusher.isDaemon()).isTrue();

        context.getLogger(ACCESS).info("first");
        assertThat(awaitOutput(out -> !out.isEmpty())).isEqualTo("INFO " + ACCESS + " first" + System.lineSeparator());
        context.getLogger(ACCESS).info("second");
        assertThat(awaitOutput(out -> out.contains("second")))
                .endsWith("INFO " + ACCESS + " second" + System.lineSeparator());

        appender.stop();
        assertThat(flusher.isAlive()).isFalse();
    }

    @Test
    void aFailingWriteIsReportedAndDroppedAndTheNextEventIsWritten() throws Exception {
        start(NEVER_MILLIS, 32 * 1024);
        AtomicInteger failures = new AtomicInteger(1);
        System.setOut(new PrintStream(captured, false, UTF_8) {
            @Override
            public void write(byte[] buf, int off, int len) {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("stdout is gone");
                }
                super.write(buf, off, len);
            }
        });
        Logger other = context.getLogger(OTHER);

        assertThatCode(() -> appender.append(new LoggingEvent(null, other, Level.INFO, "lost", null, null)))
                .doesNotThrowAnyException();
        // another thread: the lock must have been given back
        CompletableFuture.runAsync(() -> other.info("written")).get(10, TimeUnit.SECONDS);

        assertThat(captured.lines()).containsExactly("INFO " + OTHER + " written");
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anyMatch(s -> s.getLevel() == Status.ERROR && s.getMessage().startsWith("Cannot write"));
    }

    @Test
    void theShippedLogbackXmlBatchesTheAccessLog() throws JoranException {
        configureShipped();

        Appender<?> stdout = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        assertThat(stdout).isInstanceOf(BatchingConsoleAppender.class);
        BatchingConsoleAppender batching = (BatchingConsoleAppender) stdout;
        assertThat(batching.isStarted()).isTrue();
        assertThat(batching.getFlushMillis()).isEqualTo(100);
        assertThat(batching.getBufferSize()).isEqualTo(32 * 1024);
        assertThat(batching.getDeferredLogger()).isEqualTo("dev.sharebridge.http.access");
        assertThat(batching.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
        assertThat(((PatternLayoutEncoder) batching.getEncoder()).getPattern()).contains("%oneLineMsg%oneLineEx%n");

        context.getLogger(ACCESS).info("GET /");
        assertThat(captured.output()).isEmpty();
        context.getLogger(OTHER).info("started");
        assertThat(captured.lines()).hasSize(2);
        assertThat(captured.lines().get(0))
                .endsWith(" INFO  [" + Thread.currentThread().getName() + "] " + ACCESS + " - GET /");
        assertThat(captured.lines().get(1)).endsWith(" - started");
    }

    @Test
    void theFlushTimeOfTheShippedLogbackXmlIsASystemProperty() throws JoranException {
        String property = "sharebridge.log.flush_ms";
        String before = System.getProperty(property);
        System.setProperty(property, "0");
        try {
            configureShipped();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }

        BatchingConsoleAppender batching = (BatchingConsoleAppender)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        assertThat(batching.getFlushMillis()).isZero();
        context.getLogger(ACCESS).info("GET /");
        assertThat(captured.lines()).singleElement().asString().endsWith(" - GET /");
    }

    private void configureShipped() throws JoranException {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(BatchingConsoleAppenderTest.class.getResource("/logback.xml"));
    }

    private void start(long flushMillis, int bufferSize) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger %msg%n");
        appender = new BatchingConsoleAppender();
        appender.setContext(context);
        appender.setName("TEST");
        appender.setEncoder(encoder);
        appender.setFlushMillis(flushMillis);
        appender.setBufferSize(bufferSize);
        appender.start();
        assertThat(appender.isStarted()).isTrue();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        root.addAppender(appender);
    }

    /** Polls the captured output, for at most 10 seconds, until it is done. */
    private String awaitOutput(Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.test(captured.output()) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return captured.output();
    }

    /** Standard output's bytes, and each write on its own: one write per batch is the point. */
    private static final class Captured extends ByteArrayOutputStream {
        private final List<String> writes = new ArrayList<>();

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            super.write(b, off, len);
            writes.add(new String(b, off, len, UTF_8));
        }

        synchronized List<String> writes() {
            return List.copyOf(writes);
        }

        String output() {
            return toString(UTF_8);
        }

        List<String> lines() {
            return output().lines().toList();
        }
    }
}
