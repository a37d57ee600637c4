package dev.sharebridge.application.service.room;

import static dev.sharebridge.application.service.room.RoomFixture.BOB;
import static dev.sharebridge.application.service.room.RoomFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.in.room.Admission;
import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.signaling.RoomEvent;
import dev.sharebridge.application.port.out.signaling.SignalingMessage;
import dev.sharebridge.application.port.out.signaling.SignalingMessage.JoinSuccess;
import dev.sharebridge.application.port.out.signaling.SignalingMessage.ModerationError;
import dev.sharebridge.application.port.out.signaling.SignalingMessage.SharedFolderDeleted;
import dev.sharebridge.application.port.out.signaling.SignalingMessage.SharedFolderUpdated;
import dev.sharebridge.application.service.signaling.InProcessRoomEvents;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.RecordingSignalingPublisher;
import dev.sharebridge.domain.room.InviteCode;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two meeting services, A (the fixture's, behind its REST services) and B, sharing the stores and
 * the room-event channel but nothing in memory: what two server instances on one database do.
 */
class MeetingsAcrossInstancesTest {
    private RoomFixture f;
    private Room room;
    private RecordingSignalingPublisher publisherB;
    private MeetingService b;
    private InstanceId instanceB;

    @BeforeEach
    void setUp() throws Exception {
        f = new RoomFixture(
                new InMemoryStorageProvider(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC)),
                Optional.empty());
        room = f.roomService.create(OWNER, Optional.of("Standup"));
        f.invitations.invite(OWNER, room.id(), BOB);
        publisherB = new RecordingSignalingPublisher();
        b = instance(f.events);
    }

    private MeetingService instance(InProcessRoomEvents events) {
        instanceB = InstanceId.random(new SecureRandom());
        return new MeetingService(
                f.rooms,
                f.folders,
                new MeetingBackplane(f.tickets, f.registry, events, instanceB),
                publisherB,
                f.clock,
                new SecureRandom(),
                f.settings);
    }

    private ParticipantId joinOnB(UserId user) throws Exception {
        Admission a = b.redeem(f.meetings.start(user, room.id()).value());
        b.enter(a.participant());
        return a.participant();
    }

    private ParticipantId guestOnB() throws Exception {
        InviteCode code = f.invitations.createInviteCode(OWNER, room.id());
        Admission a =
                b.redeem(f.meetings.startAsGuest(room.id(), code.value(), "Ada").value());
        b.enter(a.participant());
        return a.participant();
    }

    private ParticipantId joinOnA(UserId user) throws Exception {
        Admission a = f.meetings.redeem(f.meetings.start(user, room.id()).value());
        f.meetings.enter(a.participant());
        return a.participant();
    }

    private SignalingMessage lastOnB(ParticipantId p) {
        List<SignalingMessage> got = publisherB.to(p);
        assertThat(got).isNotEmpty();
        return got.get(got.size() - 1);
    }

    @Test
    void aTicketIssuedOnAOpensOnBAndIsGoneForEveryone() throws Exception {
        String ticket = f.meetings.start(BOB, room.id()).value();
        Admission onB = b.redeem(ticket);
        b.enter(onB.participant());

        assertThat(publisherB.to(onB.participant()))
                .containsExactly(new JoinSuccess(
                        onB.participant(), dev.sharebridge.domain.room.RoomRole.PARTICIPANT, Optional.empty()));
        assertThat(f.registry.find(onB.participant()).orElseThrow().instance()).isEqualTo(instanceB);
        assertThat(f.tickets.size()).isZero();
    }

    @Test
    void changesMadeThroughAReachParticipantsOnB() throws Exception {
        ParticipantId bob = joinOnB(BOB);
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        SharedFolderView readOnly = new SharedFolderView(full.read(), Optional.empty());
        assertThat(lastOnB(bob)).isEqualTo(new SharedFolderUpdated(readOnly));

        f.moderators.grantModerator(OWNER, room.id(), BOB);
        assertThat(lastOnB(bob)).isEqualTo(new SharedFolderUpdated(full));
        f.moderators.revokeModerator(OWNER, room.id(), BOB);
        assertThat(lastOnB(bob)).isEqualTo(new SharedFolderUpdated(readOnly));
        f.sharedFolders.delete(OWNER, room.id());
        assertThat(lastOnB(bob)).isEqualTo(new SharedFolderDeleted());
        // A has no participant, so A sent nothing
        assertThat(f.publisher.all()).isEmpty();
    }

    @Test
    void aModeratorOnACommandsParticipantsOnB() throws Exception {
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        ParticipantId owner = joinOnA(OWNER);
        ParticipantId bob = joinOnB(BOB);
        ParticipantId guest = guestOnB();

        f.meetings.moderation(owner, MeetingService.GRANT, bob.value());
        assertThat(lastOnB(bob)).isEqualTo(new SharedFolderUpdated(full));
        assertThat(f.rooms.member(room.id(), BOB)).contains(new RoomMember(BOB, true));

        f.meetings.moderation(owner, MeetingService.GRANT, guest.value());
        assertThat(lastOnB(guest)).isEqualTo(new SharedFolderUpdated(full));
        assertThat(f.registry.find(guest).orElseThrow().guestModerator()).isTrue();
        // the guest, now a moderator on B, commands back
        b.moderation(guest, MeetingService.REVOKE, bob.value());
        assertThat(lastOnB(bob))
                .isEqualTo(new SharedFolderUpdated(new SharedFolderView(full.read(), Optional.empty())));

        f.meetings.moderation(owner, MeetingService.GRANT, "gone-or-never-there");
        assertThat(f.publisher.to(owner)).last().isEqualTo(new ModerationError("invalid_command"));
    }

    @Test
    void deletingTheRoomOnADisconnectsOnB() throws Exception {
        ParticipantId bob = joinOnB(BOB);
        f.roomService.delete(OWNER, room.id(), false);
        assertThat(publisherB.wasDisconnected(bob)).isTrue();
    }

    @Test
    void afterMissedEventsEachParticipantHearsOnlyWhatDiffers() throws Exception {
        // B listens on a channel that loses everything
        b = instance(new InProcessRoomEvents());
        ParticipantId bob = joinOnB(BOB);
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        f.moderators.grantModerator(OWNER, room.id(), BOB);
        assertThat(publisherB.to(bob)).hasSize(1); // join_success only

        b.missed();
        assertThat(lastOnB(bob)).isEqualTo(new SharedFolderUpdated(full));
        b.missed();
        assertThat(publisherB.to(bob)).hasSize(2);

        f.roomService.delete(OWNER, room.id(), false);
        b.missed();
        assertThat(lastOnB(bob)).isEqualTo(new SharedFolderDeleted());
        assertThat(publisherB.wasDisconnected(bob)).isTrue();
    }

    @Test
    void aSkippedNumberInARoomBringsItsParticipantsUpToDate() throws Exception {
        b = instance(new InProcessRoomEvents());
        ParticipantId bob = joinOnB(BOB);
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        b.onEvent(1, new RoomEvent.FolderCreated(room.id()));
        assertThat(lastOnB(bob))
                .isEqualTo(new SharedFolderUpdated(new SharedFolderView(full.read(), Optional.empty())));

        f.rooms.putMember(room.id(), new RoomMember(BOB, true)); // event 2 never arrives
        b.onEvent(3, new RoomEvent.FolderCreated(room.id()));
        assertThat(lastOnB(bob)).isEqualTo(new SharedFolderUpdated(full));
        int heard = publisherB.to(bob).size();
        b.onEvent(2, new RoomEvent.RoleChanged(room.id(), BOB)); // late: already accounted for
        assertThat(publisherB.to(bob)).hasSize(heard);
    }

    @Test
    void theHeartbeatExpiresDeadInstancesAndOldTickets() throws Exception {
        f.meetings.register();
        ParticipantId bob = joinOnB(BOB);
        f.meetings.start(BOB, room.id());
        assertThat(f.tickets.size()).isEqualTo(1);

        // B stops renewing; A's heartbeats go on
        f.clock.advance(f.settings.heartbeatInterval());
        f.meetings.heartbeat();
        assertThat(f.registry.find(bob)).isPresent();
        f.clock.advance(f.settings.instanceLease());
        f.meetings.heartbeat();
        assertThat(f.registry.find(bob)).isEmpty();
        assertThat(f.registry.isLive(instanceB, f.clock.instant())).isFalse();
        f.clock.advance(Duration.ofSeconds(60));
        f.meetings.heartbeat();
        assertThat(f.tickets.size()).isZero();

        // B wakes up: it takes its lease again with its participant
        b.heartbeat();
        assertThat(f.registry.find(bob).orElseThrow().instance()).isEqualTo(instanceB);
        b.unregister();
        assertThat(f.registry.find(bob)).isEmpty();
    }
}
