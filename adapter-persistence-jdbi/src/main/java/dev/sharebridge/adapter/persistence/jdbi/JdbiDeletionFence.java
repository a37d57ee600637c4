package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.Share;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link DeletionFence} on the {@code deletion_scopes} and {@code deletion_markers} tables. It relies
 * only on the database (a row lock held for two statements, never across a storage call), so it
 * holds across connections and across processes on one database.
 */
final class JdbiDeletionFence implements DeletionFence {
    private final Jdbi jdbi;
    private final DeletionFenceSql sql;

    JdbiDeletionFence(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.sql = jdbi.onDemand(DeletionFenceSql.class);
    }

    /** Reads the count first, then the markers: a deletion that began in between is seen by both. */
    @Override
    public Optional<Watch> watch(Scope scope, ItemPath path, Instant now) {
        long begun = begun(scope.key());
        for (String marked : sql.markedPaths(scope.key(), Instants.toMillis(now))) {
            if (path.startsWith(ItemPath.parse(marked))) {
                return Optional.empty();
            }
        }
        return Optional.of(new Watch(scope, begun));
    }

    @Override
    public boolean insert(Watch watch, Share share) {
        return jdbi.inTransaction(h -> {
            DeletionFenceSql fence = h.attach(DeletionFenceSql.class);
            Optional<Long> begun = fence.lockBegun(watch.scope().key());
            if (begun.isEmpty() || begun.get() != watch.deletionsBegun()) {
                return false;
            }
            JdbiShareRepository.insert(h.attach(ShareSql.class), share);
            return true;
        });
    }

    @Override
    public Deletion begin(Scope scope, ItemPath path, Instant now, Instant leaseUntil) {
        begun(scope.key()); // makes the row, outside the transaction (a failed INSERT would abort it)
        Deletion deletion = new Deletion(UUID.randomUUID().toString(), scope, path);
        jdbi.useTransaction(h -> {
            DeletionFenceSql fence = h.attach(DeletionFenceSql.class);
            fence.countBegun(scope.key());
            fence.addMarker(deletion.id(), scope.key(), path.toString(), Instants.toMillis(leaseUntil));
        });
        sql.removeExpired(Instants.toMillis(now));
        return deletion;
    }

    @Override
    public void end(Deletion deletion) {
        sql.removeMarker(deletion.id());
    }

    /** The scope's count, making its row on first use. */
    private long begun(String scope) {
        Optional<Long> begun = sql.begun(scope);
        if (begun.isPresent()) {
            return begun.get();
        }
        try {
            sql.addScope(scope);
        } catch (RuntimeException e) {
            if (!SqlStates.isIntegrityViolation(e)) {
                throw e;
            }
            // made by a racing caller meanwhile
        }
        return sql.begun(scope).orElseThrow(() -> new IllegalStateException("deletion scope row vanished"));
    }
}
