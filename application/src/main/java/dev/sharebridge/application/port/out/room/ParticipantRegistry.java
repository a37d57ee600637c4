package dev.sharebridge.application.port.out.room;

import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who is connected to which meeting, on which instance, shared by every server instance on one
 * database. Each instance holds a lease that it renews while it runs; its participants live as
 * long as the lease: they go with {@link #leave} at a clean stop, and with {@link #expire} (run by
 * any instance) once the lease of one that died has run out. The rows of a deleted room go with it.
 */
public interface ParticipantRegistry {

    /** Starts (or restarts) the instance's lease. */
    void join(InstanceId instance, Instant now, Instant leaseUntil);

    /** Renews the lease. @return false when the instance has no lease any more (it was expired) */
    boolean renew(InstanceId instance, Instant leaseUntil);

    /** Ends the instance's lease and removes its participants (a clean stop). */
    void leave(InstanceId instance);

    /**
     * Removes the instances whose lease ended at or before {@code now}, with their participants.
     * @return the instances removed
     */
    List<InstanceId> expire(Instant now);

    /** Whether the instance holds a lease that runs after {@code now}. */
    boolean isLive(InstanceId instance, Instant now);

    /**
     * Registers a participant of a live instance.
     * @return false when its room no longer exists (nothing is registered)
     */
    boolean add(RegisteredParticipant participant);

    void remove(ParticipantId participant);

    Optional<RegisteredParticipant> find(ParticipantId participant);

    /** Sets whether a guest is a moderator for this connection. @return false when there is no such participant */
    boolean setGuestModerator(ParticipantId participant, boolean moderator);

    /** The participants of a room, on every instance, oldest first. */
    List<RegisteredParticipant> inRoom(RoomId room);
}
