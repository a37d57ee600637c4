package dev.sharebridge.adapter.persistence.jdbi;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of {@link JdbiTicketStore} and {@link JdbiParticipantRegistry}; portable between H2 and
 * PostgreSQL.
 */
interface MeetingSql {

    /** A ticket row, its digest left out. */
    record TicketRow(String roomId, String userId, long expiresAt) {}

    /** A participant row. */
    record ParticipantRow(String id, String roomId, String userId, boolean guestModerator, String instanceId) {}

    @SqlUpdate("""
            INSERT INTO meeting_tickets (digest, room_id, user_id, expires_at)
            VALUES (:digest, :room, :user, :expiresAt)
            """)
    void insertTicket(
            @Bind("digest") String digest,
            @Bind("room") String room,
            @Bind("user") String user,
            @Bind("expiresAt") long expiresAt);

    @SqlQuery("SELECT room_id, user_id, expires_at FROM meeting_tickets WHERE digest = :digest")
    @RegisterConstructorMapper(TicketRow.class)
    Optional<TicketRow> findTicket(@Bind("digest") String digest);

    /** The take itself: of concurrent deletes of one row exactly one counts 1 (H2 and PostgreSQL). */
    @SqlUpdate("DELETE FROM meeting_tickets WHERE digest = :digest")
    int deleteTicket(@Bind("digest") String digest);

    @SqlUpdate("DELETE FROM meeting_tickets WHERE expires_at <= :now")
    int deleteExpiredTickets(@Bind("now") long now);

    @SqlUpdate("UPDATE instances SET lease_until = :leaseUntil WHERE id = :id")
    int renewInstance(@Bind("id") String id, @Bind("leaseUntil") long leaseUntil);

    @SqlUpdate("INSERT INTO instances (id, started_at, lease_until) VALUES (:id, :now, :leaseUntil)")
    void insertInstance(@Bind("id") String id, @Bind("now") long now, @Bind("leaseUntil") long leaseUntil);

    @SqlUpdate("DELETE FROM instances WHERE id = :id")
    int deleteInstance(@Bind("id") String id);

    @SqlQuery("SELECT id FROM instances WHERE lease_until <= :now")
    List<String> expiredInstances(@Bind("now") long now);

    /** Deletes an instance only while its lease is still over, so a renewal in between keeps it. */
    @SqlUpdate("DELETE FROM instances WHERE id = :id AND lease_until <= :now")
    int deleteExpiredInstance(@Bind("id") String id, @Bind("now") long now);

    @SqlQuery("SELECT COUNT(*) FROM instances WHERE id = :id AND lease_until > :now")
    int countLive(@Bind("id") String id, @Bind("now") long now);

    @SqlQuery("SELECT COUNT(*) FROM instances WHERE id = :id")
    int countInstance(@Bind("id") String id);

    @SqlUpdate("""
            INSERT INTO meeting_participants (id, room_id, user_id, guest_moderator, instance_id, joined_at)
            VALUES (:id, :room, :user, :guestModerator, :instance, :joinedAt)
            """)
    void insertParticipant(
            @Bind("id") String id,
            @Bind("room") String room,
            @Bind("user") String user,
            @Bind("guestModerator") boolean guestModerator,
            @Bind("instance") String instance,
            @Bind("joinedAt") long joinedAt);

    @SqlUpdate("DELETE FROM meeting_participants WHERE id = :id")
    int deleteParticipant(@Bind("id") String id);

    @SqlQuery("""
            SELECT id, room_id, user_id, guest_moderator, instance_id
              FROM meeting_participants
             WHERE id = :id
            """)
    @RegisterConstructorMapper(ParticipantRow.class)
    Optional<ParticipantRow> findParticipant(@Bind("id") String id);

    @SqlUpdate("UPDATE meeting_participants SET guest_moderator = :moderator WHERE id = :id")
    int setGuestModerator(@Bind("id") String id, @Bind("moderator") boolean moderator);

    @SqlQuery("""
            SELECT id, room_id, user_id, guest_moderator, instance_id
              FROM meeting_participants
             WHERE room_id = :room
             ORDER BY joined_at, id
            """)
    @RegisterConstructorMapper(ParticipantRow.class)
    List<ParticipantRow> participantsInRoom(@Bind("room") String room);

    @SqlQuery("SELECT COUNT(*) FROM rooms WHERE id = :room")
    int countRooms(@Bind("room") String room);
}
