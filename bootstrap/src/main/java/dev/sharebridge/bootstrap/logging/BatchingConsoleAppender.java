package dev.sharebridge.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A console appender that writes the access log in batches: INFO (and lower) lines of
 * {@link #setDeferredLogger the deferred logger}, {@code dev.sharebridge.http.access} by default,
 * are collected in a byte buffer of {@link #setBufferSize bufferSize} bytes (32 KiB) and written
 * to {@code System.out} with one {@code write(2)} when the buffer is full, at most
 * {@link #setFlushMillis flushMillis} (100 ms) after the first of them was buffered, or as soon as
 * any other event comes. The access log has one line per HTTP request, and logback's
 * {@code ConsoleAppender} made one system call of each: 5-6 % of the CPU time of a public-link
 * request at 25k requests/s on 2 cores (async-profiler). nginx does the same with
 * {@code access_log ... buffer=32k flush=...}.
 *
 * <p>Every other event, of other loggers or a WARN or ERROR of the access logger, writes the
 * buffered lines and itself at once, in one write: the order of the lines is kept, and nothing
 * but access lines is ever delayed. {@link #stop()} and a JVM shutdown hook write out what is
 * buffered, so only a process killed outright (SIGKILL, a crash of the JVM) can lose access
 * lines: those of at most the last {@code flushMillis}. {@code flushMillis} 0 writes every event
 * at once, as {@code ConsoleAppender} does ({@code -Dsharebridge.log.flush_ms=0} with the shipped
 * logback.xml).
 *
 * <p>{@code System.out} is looked up at every write, not opened once, so that
 * {@link System#setOut} (tests, embedding applications) keeps working. Events are encoded outside
 * the lock; the lock only guards the buffer and the writes. A failing write is reported to
 * logback's status and its bytes are dropped; it never throws out of {@code append}.
 */
public final class BatchingConsoleAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** The logger whose INFO lines are batched unless configured otherwise: RequestLog's. */
    public static final String ACCESS_LOGGER = "dev.sharebridge.http.access";

    static final String FLUSHER_NAME = "sharebridge-log-flusher";
    /** How long stop waits for the flusher, and the shutdown hook for the lock: exit never hangs on logging. */
    private static final long WAIT_MILLIS = 1000;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the buffer goes from empty to non-empty, and on stop. */
    private final Condition buffered = lock.newCondition();

    private Encoder<ILoggingEvent> encoder;
    private String deferredLogger = ACCESS_LOGGER;
    private long flushMillis = 100;
    private int bufferSize = 32 * 1024;

    // guarded by lock
    private byte[] buffer = new byte[0];
    private int length;
    private long firstBufferedNanos;
    private boolean running;

    private Thread flusher;
    private Thread shutdownHook;

    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }

    /** Set from {@code <encoder>}, as for {@code ConsoleAppender}; started and stopped with this appender. */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public String getDeferredLogger() {
        return deferredLogger;
    }

    /** The name of the logger whose INFO, DEBUG and TRACE events are batched (exactly that logger). */
    public void setDeferredLogger(String deferredLogger) {
        this.deferredLogger = deferredLogger;
    }

    public long getFlushMillis() {
        return flushMillis;
    }

    /** How long a batched line waits at most; 0 writes every event at once. */
    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    public int getBufferSize() {
        return bufferSize;
    }

    /** The buffer's size in bytes; an event larger than that is written on its own. */
    public void setBufferSize(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (encoder == null) {
            addError("No encoder set for the appender named [" + name + "].");
            return;
        }
        if (flushMillis < 0 || bufferSize < 1) {
            addError("flushMillis must be 0 or more and bufferSize 1 or more for the appender named [" + name + "].");
            return;
        }
        if (deferredLogger == null) {
            addError("No deferredLogger set for the appender named [" + name + "].");
            return;
        }
        if (encoder.getContext() == null) {
            encoder.setContext(getContext());
        }
        if (!encoder.isStarted()) {
            encoder.start();
        }
        lock.lock();
        try {
            buffer = new byte[flushMillis > 0 ? bufferSize : 0];
            length = 0;
            running = true;
            byte[] header = encoder.headerBytes();
            if (header != null && header.length > 0) {
                writeOut(header, header.length);
            }
        } finally {
            lock.unlock();
        }
        if (flushMillis > 0) {
            flusher = new Thread(this::flushInTime, FLUSHER_NAME);
            flusher.setDaemon(true);
            flusher.start();
            shutdownHook = new Thread(this::flushAtShutdown, FLUSHER_NAME + "-shutdown");
            try {
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                shutdownHook = null;
            }
        }
        super.start();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        lock.lock();
        try {
            running = false;
            buffered.signalAll();
            writeBuffer();
            byte[] footer = encoder.footerBytes();
            if (footer != null && footer.length > 0) {
                writeOut(footer, footer.length);
            }
        } finally {
            lock.unlock();
        }
        encoder.stop();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway and finds nothing to write
            }
            shutdownHook = null;
        }
        if (flusher != null) {
            try {
                flusher.join(WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flusher = null;
        }
    }

    /** The flusher thread while started (for tests). */
    Thread flusher() {
        return flusher;
    }

    @Override
    protected void append(ILoggingEvent event) {
        byte[] bytes = encoder.encode(event);
        if (bytes == null || bytes.length == 0) {
            return;
        }
        boolean deferred = flushMillis > 0
                && event.getLevel().toInt() <= Level.INFO_INT
                && deferredLogger.equals(event.getLoggerName());
        lock.lock();
        try {
            if (deferred && running) {
                if (bytes.length > buffer.length - length) {
                    writeBuffer();
                }
                if (bytes.length <= buffer.length) {
                    addToBuffer(bytes);
                } else {
                    writeOut(bytes, bytes.length);
                }
            } else if (length > 0 && bytes.length <= buffer.length - length) {
                // the buffered lines and this event in one write
                System.arraycopy(bytes, 0, buffer, length, bytes.length);
                length += bytes.length;
                writeBuffer();
            } else {
                // also when stopped while this event was on its way: nothing would write it later
                writeBuffer();
                writeOut(bytes, bytes.length);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock; the bytes fit. */
    private void addToBuffer(byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        if (length == 0) {
            firstBufferedNanos = System.nanoTime();
            buffered.signal();
        }
        length += bytes.length;
    }

    /** Under the lock: one write of everything buffered, which is then empty even if the write failed. */
    private void writeBuffer() {
        if (length > 0) {
            try {
                writeOut(buffer, length);
            } finally {
                length = 0;
            }
        }
    }

    /** Under the lock. */
    private void writeOut(byte[] bytes, int len) {
        try {
            PrintStream out = System.out;
            out.write(bytes, 0, len);
            out.flush();
        } catch (RuntimeException e) {
            addError("Cannot write " + len + " bytes to System.out for the appender named [" + name + "].", e);
        }
    }

    /**
     * The flusher thread: asleep while the buffer is empty, then writes it out
     * {@code flushMillis} after its first line, unless something else wrote it out before.
     */
    private void flushInTime() {
        long flushNanos = TimeUnit.MILLISECONDS.toNanos(flushMillis);
        lock.lock();
        try {
            while (running) {
                if (length == 0) {
                    buffered.await();
                    continue;
                }
                long wait = firstBufferedNanos + flushNanos - System.nanoTime();
                if (wait > 0) {
                    // woken early by stop or a refill after another write: the loop checks again
                    buffered.awaitNanos(wait);
                } else {
                    writeBuffer();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** The shutdown hook: writes out the buffer, leaves logback running; never waits long for the lock. */
    private void flushAtShutdown() {
        try {
            if (lock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    writeBuffer();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
