package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link MoveJournal} on the {@code move_journal} table; {@link #finish} rewrites the links in
 * the {@code shares} table in the same transaction that removes the record (deleting it first,
 * which locks it, tells whether it was still there). Whether an instance
 * is live is read from {@code instances}, as the takeover of shared-folder claims does.
 */
final class JdbiMoveJournal implements MoveJournal {
    private final Jdbi jdbi;
    private final MoveJournalSql sql;

    JdbiMoveJournal(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.sql = jdbi.onDemand(MoveJournalSql.class);
    }

    @Override
    public void begin(Move move) {
        sql.insert(
                move.id(),
                move.owner().value(),
                move.from().toString(),
                move.to().toString(),
                move.instance().map(InstanceId::value).orElse(null),
                Instants.toMillis(move.startedAt()));
    }

    @Override
    public int finish(Move move) {
        if (move.from().isRoot() || move.to().startsWith(move.from())) {
            throw new IllegalArgumentException("cannot move " + move.from() + " to " + move.to());
        }
        return jdbi.inTransaction(h -> {
            // the row locked to the commit: a concurrent finish of the same move waits, then finds it gone
            boolean recorded = h.attach(MoveJournalSql.class).delete(move.id()) == 1;
            return JdbiShareRepository.move(h.attach(ShareSql.class), move.owner(), move.from(), move.to(), recorded);
        });
    }

    @Override
    public void end(Move move) {
        sql.delete(move.id());
    }

    @Override
    public void release(Move move) {
        sql.release(move.id());
    }

    @Override
    public List<Move> leftovers(InstanceId self, Instant now, int limit) {
        return sql.leftovers(self.value(), Instants.toMillis(now), limit).stream()
                .map(JdbiMoveJournal::move)
                .toList();
    }

    @Override
    public Optional<Move> takeOver(Move move, InstanceId self, Instant now) {
        int taken = move.instance().isEmpty()
                ? sql.takeOverReleased(move.id(), self.value())
                : sql.takeOverFrom(move.id(), move.instance().get().value(), self.value(), Instants.toMillis(now));
        return taken == 1 ? Optional.of(move.runBy(self)) : Optional.empty();
    }

    private static Move move(MoveJournalSql.Row row) {
        return new Move(
                row.id(),
                UserId.of(row.owner()),
                ItemPath.parse(row.from()),
                ItemPath.parse(row.to()),
                Optional.ofNullable(row.instance()).map(InstanceId::new),
                Instant.ofEpochMilli(row.startedAt()));
    }
}
