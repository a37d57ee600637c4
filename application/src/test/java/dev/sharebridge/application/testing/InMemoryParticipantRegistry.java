package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import dev.sharebridge.application.port.out.room.RegisteredParticipant;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A thread-safe in-memory {@link ParticipantRegistry} for several meeting services in one test.
 * Rooms are taken to exist unless {@link #roomExists} says otherwise.
 */
public final class InMemoryParticipantRegistry implements ParticipantRegistry {
    private final Map<InstanceId, Instant> leases = new LinkedHashMap<>();
    private final Map<ParticipantId, RegisteredParticipant> participants = new LinkedHashMap<>();
    private final Set<RoomId> deletedRooms = ConcurrentHashMap.newKeySet();
    private Predicate<RoomId> roomExists = room -> !deletedRooms.contains(room);

    /** Makes {@link #add} refuse participants of rooms the predicate says are gone. */
    public synchronized void roomExists(Predicate<RoomId> exists) {
        this.roomExists = exists;
    }

    /** What a deleted room's cascade does in the database. */
    public synchronized void roomDeleted(RoomId room) {
        deletedRooms.add(room);
        participants.values().removeIf(p -> p.room().equals(room));
    }

    @Override
    public synchronized void join(InstanceId instance, Instant now, Instant leaseUntil) {
        leases.put(instance, leaseUntil);
    }

    @Override
    public synchronized boolean renew(InstanceId instance, Instant leaseUntil) {
        if (!leases.containsKey(instance)) {
            return false;
        }
        leases.put(instance, leaseUntil);
        return true;
    }

    @Override
    public synchronized void leave(InstanceId instance) {
        leases.remove(instance);
        participants.values().removeIf(p -> p.instance().equals(instance));
    }

    @Override
    public synchronized List<InstanceId> expire(Instant now) {
        List<InstanceId> gone = new ArrayList<>();
        leases.forEach((id, until) -> {
            if (!now.isBefore(until)) {
                gone.add(id);
            }
        });
        gone.forEach(this::leave);
        return gone;
    }

    @Override
    public synchronized boolean isLive(InstanceId instance, Instant now) {
        Instant until = leases.get(instance);
        return until != null && now.isBefore(until);
    }

    @Override
    public synchronized boolean add(RegisteredParticipant participant) {
        if (!leases.containsKey(participant.instance())) {
            throw new IllegalStateException("instance " + participant.instance() + " holds no lease");
        }
        if (!roomExists.test(participant.room())) {
            return false;
        }
        participants.put(participant.id(), participant);
        return true;
    }

    @Override
    public synchronized void remove(ParticipantId participant) {
        participants.remove(participant);
    }

    @Override
    public synchronized Optional<RegisteredParticipant> find(ParticipantId participant) {
        return Optional.ofNullable(participants.get(participant));
    }

    @Override
    public synchronized boolean setGuestModerator(ParticipantId participant, boolean moderator) {
        RegisteredParticipant p = participants.get(participant);
        if (p == null) {
            return false;
        }
        participants.put(participant, new RegisteredParticipant(p.id(), p.room(), p.user(), moderator, p.instance()));
        return true;
    }

    @Override
    public synchronized List<RegisteredParticipant> inRoom(RoomId room) {
        return participants.values().stream().filter(p -> p.room().equals(room)).toList();
    }
}
