package dev.sharebridge.bootstrap;

import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import dev.sharebridge.application.service.room.MeetingService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's place among the instances on one database while it serves: started with the
 * server, it takes the instance's lease, starts listening for room events, and runs the meeting
 * heartbeat on a thread of its own; closed, it stops the heartbeat and ends the lease, which
 * removes this instance's participants from the shared registry at once. The same thread sweeps
 * what other instances may leave behind (the moves of instances that died, the expired keys of the
 * shared budgets of failures), a bounded batch per beat, and once at start before serving.
 */
final class MeetingPresence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeetingPresence.class);

    private final MeetingService meetings;
    private final Runnable listen;
    private final Runnable sweep;
    private final Duration interval;
    private ScheduledExecutorService heartbeat;

    /**
     * @param listen starts receiving the room events of other instances
     * @param sweep settles a bounded batch of rows that any instance may settle (leftover moves,
     *     expired budgets); its own failures are logged
     */
    MeetingPresence(MeetingService meetings, Runnable listen, Runnable sweep, Duration interval) {
        this.meetings = meetings;
        this.listen = listen;
        this.sweep = sweep;
        this.interval = interval;
    }

    synchronized void start() {
        if (heartbeat != null) {
            return;
        }
        meetings.register();
        listen.run();
        // what a previous run of this server (or a dead instance) left is settled before serving
        sweep();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "meeting-heartbeat");
            t.setDaemon(true);
            return t;
        });
        // heartbeat() catches its own failures, beat() the sweep's: a task that threw would never run again
        heartbeat.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        meetings.heartbeat();
        sweep();
    }

    private void sweep() {
        try {
            sweep.run();
        } catch (DatabaseUnavailableException e) {
            LOG.warn(
                    "sweeping expired rows failed, the database is unavailable; retrying at the next heartbeat: {}",
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("sweeping expired rows failed; retrying at the next heartbeat", e);
        }
    }

    @Override
    public synchronized void close() {
        if (heartbeat == null) {
            return;
        }
        // not interrupted: a thread interrupted inside H2's file I/O closes the database file
        // (ClosedByInterruptException), and an embedded H2 then lost what its last writes had
        // committed; a beat that runs is waited for, so the database closes after it
        heartbeat.shutdown();
        try {
            if (!heartbeat.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the meeting heartbeat did not finish within 30 s; stopping it");
                heartbeat.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat = null;
        try {
            meetings.unregister();
        } catch (DatabaseUnavailableException e) {
            // at JVM exit an embedded H2 may close itself before this runs: nothing is lost, the
            // lease runs out by itself; one line, no stack trace
            LOG.info("could not end this instance's lease ({}); it runs out by itself", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("could not end this instance's lease; the other instances expire it", e);
        }
    }
}
