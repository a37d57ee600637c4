package dev.sharebridge.application.port.out.room;

import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.SharedFolder;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores the shared folder of each room and coordinates its creation between concurrent callers,
 * also across server instances sharing one database: a caller first claims the room (one row per
 * room, unique), builds the folder and links, then completes or releases the claim.
 */
public interface SharedFolderRepository {

    /** What {@link #claim} found. */
    sealed interface Claim {
        /** The caller now owns the creation until {@code leaseUntil}. */
        record Granted(boolean tookOverExpired) implements Claim {}

        /** The folder already exists. */
        record Ready(SharedFolder folder) implements Claim {}

        /** Another caller is creating it; its lease runs until {@code leaseUntil}. */
        record Busy(Instant leaseUntil) implements Claim {}
    }

    /**
     * Atomically claims the creation of a room's folder: grants it when there is no row, or when
     * the row is a creation whose lease expired before {@code now} (a crashed creator).
     */
    Claim claim(RoomId room, Instant now, Instant leaseUntil);

    /** Turns the caller's claim into the finished folder (passwords are stored encrypted). */
    void complete(SharedFolder folder);

    /** Gives up a claim after a failed creation, so that a retry can claim again. */
    void release(RoomId room);

    /** The finished folder of a room. */
    Optional<SharedFolder> find(RoomId room);

    /** Removes the row whatever its state. @return false when there was none */
    boolean delete(RoomId room);

    /**
     * What {@link #resealPasswords} did.
     *
     * @param folders  the finished folders, whose link passwords are stored
     * @param resealed how many of them had passwords sealed with another key and were sealed anew
     */
    record Resealed(int folders, int resealed) {}

    /**
     * Seals the stored link passwords of every finished folder anew with the current key, where
     * another key sealed them (a previous key, or one from before key ids), in one transaction:
     * a folder read meanwhile is read whole under either key, a second run changes nothing.
     *
     * @throws IllegalStateException when a password opens with no configured key; then nothing changed
     */
    Resealed resealPasswords();
}
