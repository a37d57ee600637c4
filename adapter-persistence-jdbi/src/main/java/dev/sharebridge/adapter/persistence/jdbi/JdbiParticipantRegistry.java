package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import dev.sharebridge.application.port.out.room.RegisteredParticipant;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ParticipantRegistry} on the {@code instances} and {@code meeting_participants} tables:
 * a participant's row goes with its instance's row (a clean stop, or an expired lease) and with
 * its room's, by the foreign keys' cascades.
 */
final class JdbiParticipantRegistry implements ParticipantRegistry {
    private final MeetingSql sql;

    JdbiParticipantRegistry(Jdbi jdbi) {
        this.sql = jdbi.onDemand(MeetingSql.class);
    }

    @Override
    public void join(InstanceId instance, Instant now, Instant leaseUntil) {
        if (sql.renewInstance(instance.value(), Instants.toMillis(leaseUntil)) > 0) {
            return;
        }
        sql.insertInstance(instance.value(), Instants.toMillis(now), Instants.toMillis(leaseUntil));
    }

    @Override
    public boolean renew(InstanceId instance, Instant leaseUntil) {
        return sql.renewInstance(instance.value(), Instants.toMillis(leaseUntil)) > 0;
    }

    @Override
    public void leave(InstanceId instance) {
        sql.deleteInstance(instance.value());
    }

    @Override
    public List<InstanceId> expire(Instant now) {
        long at = Instants.toMillis(now);
        List<InstanceId> gone = new ArrayList<>();
        for (String id : sql.expiredInstances(at)) {
            if (sql.deleteExpiredInstance(id, at) > 0) {
                gone.add(new InstanceId(id));
            }
        }
        return gone;
    }

    @Override
    public boolean isLive(InstanceId instance, Instant now) {
        return sql.countLive(instance.value(), Instants.toMillis(now)) > 0;
    }

    @Override
    public boolean add(RegisteredParticipant p) {
        try {
            sql.insertParticipant(
                    p.id().value(),
                    p.room().toString(),
                    p.user().map(UserId::value).orElse(null),
                    p.guestModerator(),
                    p.instance().value(),
                    System.currentTimeMillis());
            return true;
        } catch (RuntimeException e) {
            if (!SqlStates.isIntegrityViolation(e)) {
                throw e;
            }
            if (sql.countInstance(p.instance().value()) == 0) {
                throw new IllegalStateException("instance " + p.instance() + " holds no lease");
            }
            if (sql.countRooms(p.room().toString()) == 0) {
                return false;
            }
            throw new IllegalStateException("participant " + p.id() + " is registered already");
        }
    }

    @Override
    public void remove(ParticipantId participant) {
        sql.deleteParticipant(participant.value());
    }

    @Override
    public Optional<RegisteredParticipant> find(ParticipantId participant) {
        return sql.findParticipant(participant.value()).map(JdbiParticipantRegistry::toParticipant);
    }

    @Override
    public boolean setGuestModerator(ParticipantId participant, boolean moderator) {
        return sql.setGuestModerator(participant.value(), moderator) > 0;
    }

    @Override
    public List<RegisteredParticipant> inRoom(RoomId room) {
        return sql.participantsInRoom(room.toString()).stream()
                .map(JdbiParticipantRegistry::toParticipant)
                .toList();
    }

    private static RegisteredParticipant toParticipant(MeetingSql.ParticipantRow r) {
        return new RegisteredParticipant(
                new ParticipantId(r.id()),
                RoomRowMapper.roomId(r.roomId()),
                Optional.ofNullable(r.userId()).map(UserId::of),
                r.guestModerator(),
                new InstanceId(r.instanceId()));
    }
}
