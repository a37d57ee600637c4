package dev.sharebridge.application.port.out.persistence;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the creation of share links and the deletion of the items they point at from
 * interleaving, also between processes on one database (the CLI, several servers): otherwise a
 * link made while its item was being deleted would outlive it and later serve whatever is written
 * at that path.
 *
 * <p>A deletion {@linkplain #begin begins} before the storage is touched: a marker with a lease
 * (so a crash leaves nothing that lasts) and one more in the scope's count of deletions begun. A
 * creator {@linkplain #watch watches} the item's scope before it looks at the item, and
 * {@linkplain #insert stores} its link in one short transaction with the check that no deletion
 * began since. No lock is held while anything else (hashing, the storage) runs.
 */
public interface DeletionFence {

    /** Where links point and items are deleted: a user's space, or a room's shared folder. */
    record Scope(String key) {
        public Scope {
            Objects.requireNonNull(key, "key");
        }

        public static Scope userSpace(UserId user) {
            return new Scope("user:" + user.value());
        }

        public static Scope room(RoomId room) {
            return new Scope("room:" + room);
        }
    }

    /** What a creator saw before it looked at the item: how many deletions had begun in the scope. */
    record Watch(Scope scope, long deletionsBegun) {
        public Watch {
            Objects.requireNonNull(scope, "scope");
        }
    }

    /** A deletion in progress, from {@link #begin} to {@link #end}. */
    record Deletion(String id, Scope scope, ItemPath path) {
        public Deletion {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Call before looking at the item at {@code path} to link it.
     *
     * @return empty while a deletion of {@code path} or of a folder above it is in progress (begun,
     *     not ended, lease not run out at {@code now}): the item is as good as gone
     */
    Optional<Watch> watch(Scope scope, ItemPath path, Instant now);

    /**
     * Stores {@code share} in one transaction with the check that no deletion has begun in the
     * watch's scope since {@link #watch}.
     *
     * @return false, with nothing stored, when one has: watch and look at the item again
     * @throws IllegalStateException like {@link ShareRepository#insert}: id or token taken, or the
     *     parent of a reshared link is gone
     */
    boolean insert(Watch watch, Share share);

    /**
     * Announces the deletion of {@code path} and everything below it in {@code scope}; call it
     * before the storage is touched, and delete the links on the path after it.
     *
     * @param leaseUntil when the announcement ends by itself should {@link #end} never come
     */
    Deletion begin(Scope scope, ItemPath path, Instant now, Instant leaseUntil);

    /** Ends an announced deletion, whether it succeeded or failed. */
    void end(Deletion deletion);
}
