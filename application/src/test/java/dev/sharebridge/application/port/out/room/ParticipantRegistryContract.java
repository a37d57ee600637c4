package dev.sharebridge.application.port.out.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ParticipantRegistry} must do; run against each implementation. */
public abstract class ParticipantRegistryContract {
    protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00.250Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final UserId BOB = UserId.of("bob");

    protected ParticipantRegistry registry;
    private InstanceId a;
    private InstanceId b;

    /** A fresh registry. */
    protected abstract ParticipantRegistry newRegistry();

    /** A room the registry will accept participants of. */
    protected abstract RoomId newRoom();

    /** Deletes the room as the room repository would. */
    protected abstract void deleteRoom(RoomId room);

    @BeforeEach
    public void setUpRegistry() {
        registry = newRegistry();
        a = InstanceId.random(RANDOM);
        b = InstanceId.random(RANDOM);
    }

    private RegisteredParticipant participant(String id, RoomId room, Optional<UserId> user, InstanceId on) {
        return new RegisteredParticipant(new ParticipantId(id), room, user, false, on);
    }

    @Test
    public void participantsOfEveryInstanceAreFoundUntilTheyLeave() {
        RoomId room = newRoom();
        registry.join(a, T0, T0.plusSeconds(8));
        registry.join(b, T0, T0.plusSeconds(8));
        RegisteredParticipant bob = participant("p-bob", room, Optional.of(BOB), a);
        RegisteredParticipant guest = participant("p-guest", room, Optional.empty(), b);

        assertThat(registry.add(bob)).isTrue();
        assertThat(registry.add(guest)).isTrue();

        assertThat(registry.find(bob.id())).contains(bob);
        assertThat(registry.find(guest.id())).contains(guest);
        assertThat(registry.inRoom(room)).containsExactlyInAnyOrder(bob, guest);
        assertThat(registry.inRoom(newRoom())).isEmpty();
        registry.remove(bob.id());
        assertThat(registry.find(bob.id())).isEmpty();
        assertThat(registry.find(new ParticipantId("p-nobody"))).isEmpty();
    }

    @Test
    public void aGuestCanBeMadeModerator() {
        RoomId room = newRoom();
        registry.join(a, T0, T0.plusSeconds(8));
        RegisteredParticipant guest = participant("p-guest", room, Optional.empty(), a);
        registry.add(guest);

        assertThat(registry.setGuestModerator(guest.id(), true)).isTrue();
        assertThat(registry.find(guest.id()).orElseThrow().guestModerator()).isTrue();
        assertThat(registry.setGuestModerator(guest.id(), false)).isTrue();
        assertThat(registry.find(guest.id()).orElseThrow().guestModerator()).isFalse();
        assertThat(registry.setGuestModerator(new ParticipantId("p-nobody"), true))
                .isFalse();
    }

    @Test
    public void aCleanStopRemovesTheInstanceWithItsParticipantsOnly() {
        RoomId room = newRoom();
        registry.join(a, T0, T0.plusSeconds(8));
        registry.join(b, T0, T0.plusSeconds(8));
        registry.add(participant("p-a", room, Optional.of(BOB), a));
        RegisteredParticipant onB = participant("p-b", room, Optional.empty(), b);
        registry.add(onB);

        registry.leave(a);

        assertThat(registry.inRoom(room)).containsExactly(onB);
        assertThat(registry.isLive(a, T0)).isFalse();
        assertThat(registry.renew(a, T0.plusSeconds(9))).isFalse();
        assertThat(registry.isLive(b, T0)).isTrue();
    }

    @Test
    public void anInstanceThatStopsRenewingIsExpiredWithItsParticipants() {
        RoomId room = newRoom();
        registry.join(a, T0, T0.plusSeconds(8));
        registry.join(b, T0, T0.plusSeconds(8));
        registry.add(participant("p-a", room, Optional.of(BOB), a));
        RegisteredParticipant onB = participant("p-b", room, Optional.empty(), b);
        registry.add(onB);
        assertThat(registry.renew(b, T0.plusSeconds(12))).isTrue();

        assertThat(registry.expire(T0.plusSeconds(7))).isEmpty();
        assertThat(registry.isLive(a, T0.plusSeconds(7))).isTrue();
        assertThat(registry.isLive(a, T0.plusSeconds(8))).isFalse();
        assertThat(registry.expire(T0.plusSeconds(8))).containsExactly(a);

        assertThat(registry.inRoom(room)).containsExactly(onB);
        assertThat(registry.renew(a, T0.plusSeconds(16))).isFalse();
        registry.join(a, T0.plusSeconds(9), T0.plusSeconds(17));
        assertThat(registry.isLive(a, T0.plusSeconds(9))).isTrue();
    }

    @Test
    public void theParticipantsOfADeletedRoomGoWithIt() {
        RoomId room = newRoom();
        RoomId other = newRoom();
        registry.join(a, T0, T0.plusSeconds(8));
        registry.add(participant("p-1", room, Optional.of(BOB), a));
        RegisteredParticipant stays = participant("p-2", other, Optional.of(BOB), a);
        registry.add(stays);

        deleteRoom(room);

        assertThat(registry.inRoom(room)).isEmpty();
        assertThat(registry.find(new ParticipantId("p-1"))).isEmpty();
        assertThat(registry.add(participant("p-3", room, Optional.empty(), a))).isFalse();
        assertThat(registry.inRoom(other)).containsExactly(stays);
    }

    @Test
    public void onlyAnInstanceWithALeaseRegistersParticipants() {
        RoomId room = newRoom();
        assertThatThrownBy(() -> registry.add(participant("p-x", room, Optional.empty(), a)))
                .isInstanceOf(IllegalStateException.class);
    }
}
