package dev.sharebridge.bootstrap;

import dev.sharebridge.application.port.in.upload.SweepUploadsUseCase;
import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sweep of unfinished uploads on a thread of its own: once when the server starts (what a
 * crash left) and then every {@code interval}. Every instance runs it; the sweep is safe to run
 * concurrently.
 */
final class UploadSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UploadSweeper.class);

    private final SweepUploadsUseCase sweep;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService thread;

    UploadSweeper(SweepUploadsUseCase sweep, Clock clock, Duration interval) {
        this.sweep = sweep;
        this.clock = clock;
        this.interval = interval;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "upload-sweep");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::run, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One sweep now; failures are logged (a task that threw would never run again). */
    void run() {
        try {
            int removed = sweep.sweep(clock.instant());
            if (removed > 0) {
                LOG.info("removed {} expired or abandoned upload{}", removed, removed == 1 ? "" : "s");
            }
        } catch (DatabaseUnavailableException e) {
            LOG.warn(
                    "sweeping expired uploads failed, the database is unavailable; retrying at the next sweep: {}",
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("sweeping expired uploads failed; retrying at the next sweep", e);
        }
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
