package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.SharedFolder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A thread-safe in-memory {@link SharedFolderRepository} with the same claim rules as the database one. */
public final class InMemorySharedFolderRepository implements SharedFolderRepository {
    private record Row(Instant leaseUntil, SharedFolder folder) {}

    private final Map<RoomId, Row> rows = new HashMap<>();

    @Override
    public synchronized Claim claim(RoomId room, Instant now, Instant leaseUntil) {
        Row row = rows.get(room);
        if (row == null) {
            rows.put(room, new Row(leaseUntil, null));
            return new Claim.Granted(false);
        }
        if (row.folder() != null) {
            return new Claim.Ready(row.folder());
        }
        if (!now.isBefore(row.leaseUntil())) {
            rows.put(room, new Row(leaseUntil, null));
            return new Claim.Granted(true);
        }
        return new Claim.Busy(row.leaseUntil());
    }

    private RuntimeException nextCompleteFails;

    /** The next {@link #complete} throws {@code failure} (a database that went away meanwhile). */
    public synchronized void failNextComplete(RuntimeException failure) {
        nextCompleteFails = failure;
    }

    @Override
    public synchronized void complete(SharedFolder folder) {
        if (nextCompleteFails != null) {
            RuntimeException failure = nextCompleteFails;
            nextCompleteFails = null;
            throw failure;
        }
        Row row = rows.get(folder.roomId());
        if (row == null || row.folder() != null) {
            throw new IllegalStateException("no claim to complete");
        }
        rows.put(folder.roomId(), new Row(row.leaseUntil(), folder));
    }

    @Override
    public synchronized void release(RoomId room) {
        Row row = rows.get(room);
        if (row != null && row.folder() == null) {
            rows.remove(room);
        }
    }

    @Override
    public synchronized Optional<SharedFolder> find(RoomId room) {
        Row row = rows.get(room);
        return row == null ? Optional.empty() : Optional.ofNullable(row.folder());
    }

    @Override
    public synchronized boolean delete(RoomId room) {
        return rows.remove(room) != null;
    }

    /** Passwords are kept as they are here, never sealed: there is nothing to seal anew. */
    @Override
    public synchronized Resealed resealPasswords() {
        return new Resealed(
                (int) rows.values().stream().filter(row -> row.folder() != null).count(), 0);
    }

    /** Whether any row (also an unfinished claim) exists, for leak checks in tests. */
    public synchronized boolean hasRow(RoomId room) {
        return rows.containsKey(room);
    }
}
