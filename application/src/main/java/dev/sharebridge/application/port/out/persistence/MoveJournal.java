package dev.sharebridge.application.port.out.persistence;

import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The moves of items with share links in progress, kept in the database, so that a process killed
 * between the storage move and the commit of the links' new paths leaves a record from which any
 * instance can finish the move (see docs/architecture.md, "Moving items with share links").
 *
 * <p>A move is {@linkplain #begin recorded} before the storage is touched; it is {@linkplain
 * #finish finished} (links rewritten and record removed in one transaction) after the storage
 * moved the item, or {@linkplain #end ended} when it did not. A record whose instance holds no live
 * lease (see {@link dev.sharebridge.application.port.out.room.ParticipantRegistry}), or that its
 * instance {@linkplain #release released}, is a leftover: another instance {@linkplain #takeOver
 * takes it over} and finishes or ends it after looking at the storage.
 */
public interface MoveJournal {

    /**
     * One move in progress.
     *
     * @param instance the instance that runs it (or took it over); empty once released: any
     *     instance may finish it at once
     */
    record Move(String id, UserId owner, ItemPath from, ItemPath to, Optional<InstanceId> instance, Instant startedAt) {
        public Move {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(instance, "instance");
            Objects.requireNonNull(startedAt, "startedAt");
        }

        /** A new move of {@code owner}'s item, run by {@code instance}. */
        public static Move start(UserId owner, ItemPath from, ItemPath to, InstanceId instance, Instant now) {
            return new Move(UUID.randomUUID().toString(), owner, from, to, Optional.of(instance), now);
        }

        /** The same move, run by {@code instance} from now on. */
        public Move runBy(InstanceId other) {
            return new Move(id, owner, from, to, Optional.of(other), startedAt);
        }
    }

    /** Records a move; call it before the storage is touched. */
    void begin(Move move);

    /**
     * In one transaction, removes the record and makes the owner's links follow the moved item
     * exactly as {@link ShareRepository#moveByOwnerAndPathPrefix} does. When the record is gone
     * already (another instance took the move for that of a dead one and settled it), only the
     * links still on {@code from} or below follow, and no link on {@code to} is deleted: those
     * are the ones that followed the item already, so finishing twice changes nothing more. When
     * it throws, nothing changed.
     *
     * @return how many links were rewritten
     */
    int finish(Move move);

    /** Removes the record: the move did not happen, or was undone. */
    void end(Move move);

    /**
     * Hands the move over to whichever instance looks for leftovers next (its instance is cleared):
     * for a move whose outcome this instance could not settle (the storage failed without saying
     * whether it moved the item, or the links could not follow and the item could not be put back).
     */
    void release(Move move);

    /**
     * The records left over at {@code now}: released ones, and those of instances other than
     * {@code self} that hold no lease running after {@code now} (they died or stopped). Oldest
     * first, at most {@code limit}.
     */
    List<Move> leftovers(InstanceId self, Instant now, int limit);

    /**
     * Makes {@code self} the instance of a leftover, when it is still one (its instance as in
     * {@code move} and still without a live lease at {@code now}, or released): of several
     * instances that try at once, one succeeds.
     *
     * @return the move as now recorded, empty when another instance took it or it is gone
     */
    Optional<Move> takeOver(Move move, InstanceId self, Instant now);
}
