package dev.sharebridge.application.service.room;

import static dev.sharebridge.application.service.room.RoomFixture.BOB;
import static dev.sharebridge.application.service.room.RoomFixture.CAROL;
import static dev.sharebridge.application.service.room.RoomFixture.OWNER;
import static dev.sharebridge.application.service.room.RoomFixture.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.room.Admission;
import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.application.port.out.signaling.SignalingMessage;
import dev.sharebridge.application.port.out.signaling.SignalingMessage.JoinSuccess;
import dev.sharebridge.application.port.out.signaling.SignalingMessage.ModerationError;
import dev.sharebridge.application.port.out.signaling.SignalingMessage.SharedFolderDeleted;
import dev.sharebridge.application.port.out.signaling.SignalingMessage.SharedFolderUpdated;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryStorageProvider.Op;
import dev.sharebridge.domain.room.InviteCode;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomRole;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MeetingServiceTest {
    private RoomFixture f;
    private InMemoryStorageProvider storage;
    private Room room;

    @BeforeEach
    void setUp() throws Exception {
        storage = new InMemoryStorageProvider(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
        f = new RoomFixture(storage, Optional.empty());
        room = f.roomService.create(OWNER, Optional.of("Standup"));
        f.invitations.invite(OWNER, room.id(), BOB);
    }

    private ParticipantId join(dev.sharebridge.domain.user.UserId user) throws Exception {
        Admission a = f.meetings.redeem(f.meetings.start(user, room.id()).value());
        f.meetings.enter(a.participant());
        return a.participant();
    }

    private SignalingMessage last(ParticipantId p) {
        List<SignalingMessage> got = f.publisher.to(p);
        assertThat(got).isNotEmpty();
        return got.get(got.size() - 1);
    }

    @Test
    void joinSuccessCarriesRoleAndFolderAsTheRoleAllows() throws Exception {
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        ParticipantId owner = join(OWNER);
        ParticipantId bob = join(BOB);
        assertThat(f.publisher.to(owner))
                .containsExactly(new JoinSuccess(owner, RoomRole.MODERATOR, Optional.of(full)));
        assertThat(f.publisher.to(bob))
                .containsExactly(new JoinSuccess(
                        bob, RoomRole.PARTICIPANT, Optional.of(new SharedFolderView(full.read(), Optional.empty()))));
    }

    @Test
    void joinWithoutFolderHasNoFolder() throws Exception {
        ParticipantId bob = join(BOB);
        assertThat(f.publisher.to(bob)).containsExactly(new JoinSuccess(bob, RoomRole.PARTICIPANT, Optional.empty()));
    }

    @Test
    void ticketsAreSingleUseAndExpireAfterSixtySeconds() throws Exception {
        String t = f.meetings.start(BOB, room.id()).value();
        f.meetings.redeem(t);
        assertThatThrownBy(() -> f.meetings.redeem(t)).isInstanceOf(UnauthorizedException.class);
        String late = f.meetings.start(BOB, room.id()).value();
        f.clock.advance(Duration.ofSeconds(60));
        assertThatThrownBy(() -> f.meetings.redeem(late)).isInstanceOf(UnauthorizedException.class);
        String early = f.meetings.start(BOB, room.id()).value();
        f.clock.advance(Duration.ofSeconds(59));
        assertThat(f.meetings.redeem(early).room()).isEqualTo(room.id());
        assertThatThrownBy(() -> f.meetings.redeem("nonsense")).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void strangersGetNoTicket() {
        assertThatThrownBy(() -> f.meetings.start(STRANGER, room.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void guestsJoinWithAnInviteCodeOfThatRoomOnly() throws Exception {
        InviteCode code = f.invitations.createInviteCode(OWNER, room.id());
        Room other = f.roomService.create(OWNER, Optional.empty());
        assertThatThrownBy(() -> f.meetings.startAsGuest(other.id(), code.value(), "Ada"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.meetings.startAsGuest(room.id(), "x".repeat(22), "Ada"))
                .isInstanceOf(NotFoundException.class);
        Admission a = f.meetings.redeem(
                f.meetings.startAsGuest(room.id(), code.value(), "Ada").value());
        f.meetings.enter(a.participant());
        assertThat(last(a.participant()))
                .isEqualTo(new JoinSuccess(a.participant(), RoomRole.PARTICIPANT, Optional.empty()));
    }

    @Test
    void promotionAndDemotionOverRestSendUpdatedToThatParticipant() throws Exception {
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        ParticipantId bob = join(BOB);
        ParticipantId owner = join(OWNER);
        f.publisher.clear();

        f.moderators.grantModerator(OWNER, room.id(), BOB);
        assertThat(f.publisher.to(bob)).containsExactly(new SharedFolderUpdated(full));
        assertThat(f.publisher.to(owner)).isEmpty();

        f.moderators.revokeModerator(OWNER, room.id(), BOB);
        assertThat(last(bob)).isEqualTo(new SharedFolderUpdated(new SharedFolderView(full.read(), Optional.empty())));
        assertThatThrownBy(() -> f.moderators.revokeModerator(OWNER, room.id(), OWNER))
                .isInstanceOf(ForbiddenException.class);
    }

    @Test
    void folderCreatedDuringTheMeetingReachesEveryoneAndDeletionToo() throws Exception {
        ParticipantId owner = join(OWNER);
        ParticipantId bob = join(BOB);
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        assertThat(last(owner)).isEqualTo(new SharedFolderUpdated(full));
        assertThat(last(bob)).isEqualTo(new SharedFolderUpdated(new SharedFolderView(full.read(), Optional.empty())));
        f.sharedFolders.delete(OWNER, room.id());
        assertThat(last(owner)).isEqualTo(new SharedFolderDeleted());
        assertThat(last(bob)).isEqualTo(new SharedFolderDeleted());
    }

    @Test
    void moderationCommandsNeedTheModeratorRole() throws Exception {
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        f.invitations.invite(OWNER, room.id(), CAROL);
        ParticipantId owner = join(OWNER);
        ParticipantId bob = join(BOB);
        ParticipantId carol = join(CAROL);

        f.meetings.moderation(bob, MeetingService.GRANT, carol.value());
        assertThat(last(bob)).isEqualTo(new ModerationError("insufficient_permissions"));
        assertThat(last(carol)).isInstanceOf(JoinSuccess.class);

        f.meetings.moderation(owner, MeetingService.GRANT, carol.value());
        assertThat(last(carol)).isEqualTo(new SharedFolderUpdated(full));
        assertThat(f.sharedFolders.get(CAROL, room.id()).readWrite()).isPresent();

        f.meetings.moderation(carol, MeetingService.REVOKE, owner.value());
        assertThat(last(carol)).isEqualTo(new ModerationError("cannot_demote_owner"));
        f.meetings.moderation(owner, "shout", carol.value());
        assertThat(last(owner)).isEqualTo(new ModerationError("invalid_command"));
    }

    @Test
    void guestsCanBeMadeModeratorForTheirConnection() throws Exception {
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        InviteCode code = f.invitations.createInviteCode(OWNER, room.id());
        ParticipantId owner = join(OWNER);
        Admission guest = f.meetings.redeem(
                f.meetings.startAsGuest(room.id(), code.value(), "Ada").value());
        f.meetings.enter(guest.participant());
        f.meetings.moderation(owner, MeetingService.GRANT, guest.participant().value());
        assertThat(last(guest.participant())).isEqualTo(new SharedFolderUpdated(full));
    }

    @Test
    void leftParticipantsGetNothingMore() throws Exception {
        ParticipantId bob = join(BOB);
        f.meetings.leave(bob);
        f.publisher.clear();
        f.sharedFolders.put(OWNER, room.id());
        assertThat(f.publisher.to(bob)).isEmpty();
    }

    @Test
    void deletingTheRoomDisconnectsEveryoneUnlessTheStorageFails() throws Exception {
        f.sharedFolders.put(OWNER, room.id());
        ParticipantId bob = join(BOB);
        storage.fail(Op.DELETE, new StorageUnavailableException("down", null));
        assertThatThrownBy(() -> f.roomService.delete(OWNER, room.id(), false))
                .isInstanceOf(UpstreamUnavailableException.class);
        assertThat(f.roomService.get(OWNER, room.id())).isEqualTo(room);
        assertThatThrownBy(() -> f.roomService.delete(BOB, room.id(), false)).isInstanceOf(ForbiddenException.class);

        f.roomService.delete(OWNER, room.id(), true);
        assertThatThrownBy(() -> f.roomService.get(OWNER, room.id())).isInstanceOf(NotFoundException.class);
        assertThat(f.publisher.wasDisconnected(bob)).isTrue();
    }

    @Test
    void roomsAreInvisibleToStrangersAndInvitesNeedModerators() throws Exception {
        assertThatThrownBy(() -> f.roomService.get(STRANGER, room.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.invitations.invite(BOB, room.id(), CAROL)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.invitations.invite(STRANGER, room.id(), CAROL))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () -> f.invitations.invite(OWNER, room.id(), dev.sharebridge.domain.user.UserId.of("nobody")))
                .isInstanceOf(NotFoundException.class);
        assertThat(f.roomService.list(BOB)).containsExactly(room);
        assertThat(f.roomService.list(STRANGER)).isEmpty();
    }
}
