package dev.sharebridge.application.service.file;

import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Deletion;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.domain.item.ItemPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces the deletions of every service on the {@link DeletionFence}, so that no share link can
 * be created on an item while it is being deleted (see the fence for how).
 */
public final class Deletions {
    /**
     * How long an announcement lasts should its deleter die: longer than any storage deletion
     * takes (a NextCloud call has a 60 s deadline), short enough that links on the path can be made
     * again soon after a crash.
     */
    public static final Duration LEASE = Duration.ofMinutes(10);

    private static final Logger LOG = Logger.getLogger(Deletions.class.getName());

    private final DeletionFence fence;
    private final Clock clock;

    public Deletions(DeletionFence fence, Clock clock) {
        this.fence = Objects.requireNonNull(fence, "fence");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A deletion announced until {@link #close()}. */
    public final class Announced implements AutoCloseable {
        private final Deletion deletion;

        private Announced(Deletion deletion) {
            this.deletion = deletion;
        }

        @Override
        public void close() {
            try {
                fence.end(deletion);
            } catch (DatabaseUnavailableException e) {
                // one line, no stack trace: the request's own answer says the database is away
                LOG.log(
                        Level.WARNING,
                        "could not end the announcement of a deletion; it ends with its lease: " + e.getMessage());
            } catch (RuntimeException e) {
                // the deletion itself is over; its announcement ends with its lease
                LOG.log(Level.WARNING, "could not end the announcement of a deletion; it ends with its lease", e);
            }
        }
    }

    /** Announces the deletion of {@code path} (and below) in {@code scope}: call before the storage is touched. */
    public Announced announce(Scope scope, ItemPath path) {
        Instant now = clock.instant();
        return new Announced(fence.begin(scope, path, now, now.plus(LEASE)));
    }
}
