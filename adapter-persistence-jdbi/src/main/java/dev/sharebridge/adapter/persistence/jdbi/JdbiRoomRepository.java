package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link RoomRepository} on the {@code rooms}, {@code room_members} and {@code room_invite_codes} tables. */
final class JdbiRoomRepository implements RoomRepository {
    private final RoomSql sql;

    JdbiRoomRepository(Jdbi jdbi) {
        this.sql = jdbi.onDemand(RoomSql.class);
    }

    @Override
    public void insert(Room room) {
        try {
            sql.insert(
                    room.id().toString(),
                    room.title().orElse(null),
                    room.createdBy().value(),
                    Instants.toMillis(room.createdAt()));
        } catch (RuntimeException e) {
            if (SqlStates.isIntegrityViolation(e)) {
                throw new IllegalStateException("room " + room.id() + " already exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<Room> findById(RoomId id) {
        return sql.findById(id.toString());
    }

    @Override
    public List<Room> listForUser(UserId user) {
        return sql.listForUser(user.value());
    }

    @Override
    public boolean delete(RoomId id) {
        return sql.delete(id.toString()) > 0;
    }

    /**
     * Update first, insert when there was nothing to update. Two callers adding the same new
     * member both reach the insert; the loser's duplicate key turns into an update. Each statement
     * runs on its own, so a failed insert does not poison a PostgreSQL transaction.
     */
    @Override
    public void putMember(RoomId room, RoomMember member) {
        String roomId = room.toString();
        String user = member.user().value();
        if (sql.updateMember(roomId, user, member.moderator()) > 0) {
            return;
        }
        try {
            sql.insertMember(roomId, user, member.moderator());
        } catch (RuntimeException e) {
            if (!SqlStates.isIntegrityViolation(e)) {
                throw e;
            }
            if (sql.updateMember(roomId, user, member.moderator()) == 0) {
                // not a concurrent insert of the same member, so the room is missing
                throw new IllegalStateException("room " + room + " does not exist");
            }
        }
    }

    @Override
    public boolean removeMember(RoomId room, UserId user) {
        return sql.deleteMember(room.toString(), user.value()) > 0;
    }

    @Override
    public Optional<RoomMember> member(RoomId room, UserId user) {
        return sql.member(room.toString(), user.value());
    }

    @Override
    public List<RoomMember> members(RoomId room) {
        return sql.members(room.toString());
    }

    @Override
    public void addInviteCode(RoomId room, String codeDigest, Instant createdAt) {
        try {
            sql.insertInviteCode(codeDigest, room.toString(), Instants.toMillis(createdAt));
        } catch (RuntimeException e) {
            if (SqlStates.isIntegrityViolation(e)) {
                // without the cause: the database's message quotes the digest
                throw new IllegalStateException("the invite code is already taken or room " + room + " does not exist");
            }
            throw e;
        }
    }

    @Override
    public Optional<RoomId> findRoomByInviteCode(String codeDigest) {
        // re-checked in Java so that a case-insensitive collation could never widen the match
        return sql.findInviteCode(codeDigest)
                .filter(row -> row.codeHash().equals(codeDigest))
                .map(row -> RoomRowMapper.roomId(row.roomId()));
    }
}
