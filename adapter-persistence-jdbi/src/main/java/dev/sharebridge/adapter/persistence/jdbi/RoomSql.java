package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.domain.room.Room;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of {@link JdbiRoomRepository}; portable between H2 and PostgreSQL. Rows map with
 * {@link RoomRowMapper}, {@link RoomMemberRowMapper} and, for {@link InviteCodeRow}, a mapper
 * registered in {@link JdbiPersistence}.
 */
interface RoomSql {

    @SqlUpdate("""
            INSERT INTO rooms (id, title, created_by, created_at)
            VALUES (:id, :title, :createdBy, :createdAt)
            """)
    int insert(
            @Bind("id") String id,
            @Bind("title") String title,
            @Bind("createdBy") String createdBy,
            @Bind("createdAt") long createdAt);

    @SqlQuery("""
            SELECT id, title, created_by, created_at
              FROM rooms
             WHERE id = :id
            """)
    Optional<Room> findById(@Bind("id") String id);

    @SqlQuery("""
            SELECT r.id, r.title, r.created_by, r.created_at
              FROM rooms r
             WHERE r.created_by = :user
                OR EXISTS (SELECT 1 FROM room_members m WHERE m.room_id = r.id AND m.user_id = :user)
             ORDER BY r.created_at DESC, r.id DESC
            """)
    List<Room> listForUser(@Bind("user") String user);

    /** Members and invite codes go with the room (ON DELETE CASCADE), and so does its shared-folder row. */
    @SqlUpdate("""
            DELETE FROM rooms
             WHERE id = :id
            """)
    int delete(@Bind("id") String id);

    @SqlUpdate("""
            UPDATE room_members
               SET moderator = :moderator
             WHERE room_id = :room AND user_id = :user
            """)
    int updateMember(@Bind("room") String room, @Bind("user") String user, @Bind("moderator") boolean moderator);

    @SqlUpdate("""
            INSERT INTO room_members (room_id, user_id, moderator)
            VALUES (:room, :user, :moderator)
            """)
    int insertMember(@Bind("room") String room, @Bind("user") String user, @Bind("moderator") boolean moderator);

    @SqlUpdate("""
            DELETE FROM room_members
             WHERE room_id = :room AND user_id = :user
            """)
    int deleteMember(@Bind("room") String room, @Bind("user") String user);

    @SqlQuery("""
            SELECT user_id, moderator
              FROM room_members
             WHERE room_id = :room AND user_id = :user
            """)
    Optional<RoomMember> member(@Bind("room") String room, @Bind("user") String user);

    @SqlQuery("""
            SELECT user_id, moderator
              FROM room_members
             WHERE room_id = :room
             ORDER BY user_id
            """)
    List<RoomMember> members(@Bind("room") String room);

    @SqlUpdate("""
            INSERT INTO room_invite_codes (code_hash, room_id, created_at)
            VALUES (:codeHash, :room, :createdAt)
            """)
    int insertInviteCode(
            @Bind("codeHash") String codeHash, @Bind("room") String room, @Bind("createdAt") long createdAt);

    @SqlQuery("""
            SELECT code_hash, room_id
              FROM room_invite_codes
             WHERE code_hash = :codeHash
            """)
    Optional<InviteCodeRow> findInviteCode(@Bind("codeHash") String codeHash);

    /** A {@code room_invite_codes} row. */
    record InviteCodeRow(String codeHash, String roomId) {}
}
