package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.Share;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The fence in memory, storing into an {@link InMemoryShareRepository}: every method holds that
 * repository's lock, so the check and the insert are one step, as in the database's transaction.
 */
public final class InMemoryDeletionFence implements DeletionFence {
    private final InMemoryShareRepository shares;
    private final Map<Scope, Long> begun = new HashMap<>();
    private final Map<String, Marker> markers = new LinkedHashMap<>();

    private record Marker(Deletion deletion, Instant leaseUntil) {}

    public InMemoryDeletionFence(InMemoryShareRepository shares) {
        this.shares = shares;
    }

    @Override
    public Optional<Watch> watch(Scope scope, ItemPath path, Instant now) {
        synchronized (shares) {
            boolean deleting = markers.values().stream()
                    .anyMatch(m -> m.deletion().scope().equals(scope)
                            && path.startsWith(m.deletion().path())
                            && m.leaseUntil().isAfter(now));
            return deleting ? Optional.empty() : Optional.of(new Watch(scope, begun.getOrDefault(scope, 0L)));
        }
    }

    @Override
    public boolean insert(Watch watch, Share share) {
        synchronized (shares) {
            if (begun.getOrDefault(watch.scope(), 0L) != watch.deletionsBegun()) {
                return false;
            }
            shares.insert(share);
            return true;
        }
    }

    @Override
    public Deletion begin(Scope scope, ItemPath path, Instant now, Instant leaseUntil) {
        synchronized (shares) {
            begun.merge(scope, 1L, Long::sum);
            Deletion d = new Deletion(UUID.randomUUID().toString(), scope, path);
            markers.put(d.id(), new Marker(d, leaseUntil));
            return d;
        }
    }

    @Override
    public void end(Deletion deletion) {
        synchronized (shares) {
            markers.remove(deletion.id());
        }
    }

    /** Deletions begun and not yet ended (whatever their lease). */
    public int inProgress() {
        synchronized (shares) {
            return markers.size();
        }
    }
}
