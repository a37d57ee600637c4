package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.room.SharedFolderLink;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * {@link SharedFolderRepository} on the {@code shared_folders} table. The claim relies only on the
 * database (a unique key and a conditional update), so it holds across connections and across
 * server instances on one database. Claims made through a repository with a holder name that
 * instance; once its lease in {@code instances} has run out (the process died), another instance
 * takes the claim over at once rather than at the end of the claim's own lease. Link passwords are sealed with the {@link SecretBox} before
 * they are written and opened after they are read; the sealed form names its key, so a
 * {@link #resealPasswords() re-seal} after a key change moves only what another key sealed.
 */
final class JdbiSharedFolderRepository implements SharedFolderRepository {
    /**
     * A claim attempt repeats only when the row changed between two statements (released,
     * deleted or re-claimed by another caller); that many changes in a row means something is wrong.
     */
    private static final int MAX_ATTEMPTS = 16;

    private final Jdbi jdbi;
    private final SharedFolderSql sql;
    private final SecretBox secrets;
    private final @Nullable String holder;

    JdbiSharedFolderRepository(Jdbi jdbi, SecretBox secrets, Optional<InstanceId> holder) {
        this.jdbi = jdbi;
        this.sql = jdbi.onDemand(SharedFolderSql.class);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.holder = holder.map(InstanceId::value).orElse(null);
    }

    @Override
    public Claim claim(RoomId room, Instant now, Instant leaseUntil) {
        String roomId = room.toString();
        long nowMillis = Instants.toMillis(now);
        long leaseMillis = Instants.toMillis(leaseUntil);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (tryInsertClaim(roomId, nowMillis, leaseMillis)) {
                return new Claim.Granted(false);
            }
            if (sql.takeOverExpiredClaim(roomId, nowMillis, leaseMillis, holder) > 0) {
                return new Claim.Granted(true);
            }
            Optional<SharedFolderRow> row = sql.find(roomId);
            if (row.isEmpty()) {
                if (sql.countRooms(roomId) == 0) {
                    throw new IllegalStateException("room " + room + " does not exist");
                }
                continue; // released or deleted in between: try the insert again
            }
            SharedFolderRow found = row.get();
            if (found.isReady()) {
                return new Claim.Ready(toFolder(found));
            }
            if (found.leaseUntil() > nowMillis) {
                return new Claim.Busy(Instant.ofEpochMilli(found.leaseUntil()));
            }
            // an expired claim again (re-inserted in between with a short lease): take it over next round
        }
        throw new IllegalStateException("the claim of room " + room + " kept changing; gave up");
    }

    /** @return false when the row exists already (or the room does not: the caller tells these apart) */
    private boolean tryInsertClaim(String roomId, long now, long leaseUntil) {
        try {
            sql.insertClaim(roomId, now, leaseUntil, holder);
            return true;
        } catch (RuntimeException e) {
            if (SqlStates.isIntegrityViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void complete(SharedFolder folder) {
        int updated = sql.complete(
                folder.roomId().toString(),
                folder.provider(),
                folder.folder().toString(),
                folder.read().linkId(),
                folder.read().url(),
                secrets.seal(folder.read().password()),
                folder.readWrite().linkId(),
                folder.readWrite().url(),
                secrets.seal(folder.readWrite().password()),
                Instants.toMillis(folder.createdAt()));
        if (updated == 0) {
            throw new IllegalStateException("room " + folder.roomId() + " has no claim to complete");
        }
    }

    @Override
    public void release(RoomId room) {
        sql.release(room.toString());
    }

    @Override
    public Optional<SharedFolder> find(RoomId room) {
        return sql.find(room.toString()).filter(SharedFolderRow::isReady).map(this::toFolder);
    }

    @Override
    public boolean delete(RoomId room) {
        return sql.delete(room.toString()) > 0;
    }

    @Override
    public Resealed resealPasswords() {
        return jdbi.inTransaction(h -> {
            SharedFolderSql locked = h.attach(SharedFolderSql.class);
            List<SharedFolderRow> rows = locked.lockReady();
            int resealed = 0;
            for (SharedFolderRow row : rows) {
                if (secrets.isSealedWithCurrentKey(row.readPasswordSealed())
                        && secrets.isSealedWithCurrentKey(row.rwPasswordSealed())) {
                    continue;
                }
                // an exception rolls everything back: no folder is left half moved
                resealed += locked.reseal(
                        row.roomId(),
                        secrets.seal(open(row, row.readPasswordSealed())),
                        secrets.seal(open(row, row.rwPasswordSealed())));
            }
            return new Resealed(rows.size(), resealed);
        });
    }

    private SharedFolder toFolder(SharedFolderRow row) {
        return new SharedFolder(
                RoomRowMapper.roomId(row.roomId()),
                row.provider(),
                ItemPath.parse(row.folder()),
                new SharedFolderLink(row.readLinkId(), row.readUrl(), open(row, row.readPasswordSealed())),
                new SharedFolderLink(row.rwLinkId(), row.rwUrl(), open(row, row.rwPasswordSealed())),
                Instant.ofEpochMilli(row.createdAt()));
    }

    private String open(SharedFolderRow row, String sealed) {
        try {
            return secrets.open(sealed);
        } catch (IllegalArgumentException e) {
            // the server key changed or the column was altered; the message must not quote the value
            throw new IllegalStateException(
                    "the link passwords of room " + row.roomId() + " cannot be opened with the configured server keys ("
                            + e.getMessage() + ")",
                    e);
        }
    }
}
