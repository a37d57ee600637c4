package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The move journal in memory, rewriting links in an {@link InMemoryShareRepository} (so its
 * {@code failMoves} fails {@link #finish} too) and reading the instances' leases from a {@link
 * ParticipantRegistry}: every method holds that repository's lock, so rewrite and removal are one step.
 */
public final class InMemoryMoveJournal implements MoveJournal {
    private final InMemoryShareRepository shares;
    private final ParticipantRegistry instances;
    private final Map<String, Move> records = new LinkedHashMap<>();

    public InMemoryMoveJournal(InMemoryShareRepository shares, ParticipantRegistry instances) {
        this.shares = shares;
        this.instances = instances;
    }

    @Override
    public void begin(Move move) {
        synchronized (shares) {
            if (records.putIfAbsent(move.id(), move) != null) {
                throw new IllegalStateException("a move with this id is recorded");
            }
        }
    }

    @Override
    public int finish(Move move) {
        synchronized (shares) {
            boolean recorded = records.containsKey(move.id());
            int moved = shares.moveByOwnerAndPathPrefix(move.owner(), move.from(), move.to(), recorded);
            records.remove(move.id());
            return moved;
        }
    }

    @Override
    public void end(Move move) {
        synchronized (shares) {
            records.remove(move.id());
        }
    }

    @Override
    public void release(Move move) {
        synchronized (shares) {
            records.computeIfPresent(
                    move.id(),
                    (id, m) -> new Move(m.id(), m.owner(), m.from(), m.to(), Optional.empty(), m.startedAt()));
        }
    }

    @Override
    public List<Move> leftovers(InstanceId self, Instant now, int limit) {
        synchronized (shares) {
            return records.values().stream()
                    .filter(m -> m.instance().isEmpty()
                            || (!m.instance().get().equals(self)
                                    && !instances.isLive(m.instance().get(), now)))
                    .sorted(Comparator.comparing(Move::startedAt).thenComparing(Move::id))
                    .limit(limit)
                    .toList();
        }
    }

    @Override
    public Optional<Move> takeOver(Move move, InstanceId self, Instant now) {
        synchronized (shares) {
            Move current = records.get(move.id());
            boolean free = current != null
                    && current.instance().equals(move.instance())
                    && (current.instance().isEmpty()
                            || !instances.isLive(current.instance().get(), now));
            if (!free) {
                return Optional.empty();
            }
            Move taken = current.runBy(self);
            records.put(taken.id(), taken);
            return Optional.of(taken);
        }
    }

    /** The records kept now, for tests. */
    public List<Move> records() {
        synchronized (shares) {
            return List.copyOf(records.values());
        }
    }
}
