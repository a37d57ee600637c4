package dev.sharebridge.application.port.out.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RoomRepository} must do; run against each implementation. */
public abstract class RoomRepositoryContract {
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00.123Z");

    protected RoomRepository rooms;

    /** A fresh, empty repository (users alice, bob and carol may be required to exist). */
    protected abstract RoomRepository newRepository();

    @BeforeEach
    public void setUpRepository() {
        rooms = newRepository();
    }

    private Room room(UserId owner, Instant at) {
        Room r = new Room(RoomId.random(), Optional.of("Weekly sync"), owner, at);
        rooms.insert(r);
        return r;
    }

    @Test
    public void storesAndFindsRooms() {
        Room r = room(ALICE, T0);
        assertThat(rooms.findById(r.id())).contains(r);
        assertThat(rooms.findById(RoomId.random())).isEmpty();
    }

    @Test
    public void roomWithoutTitleRoundTrips() {
        Room r = new Room(RoomId.random(), Optional.empty(), ALICE, T0);
        rooms.insert(r);
        assertThat(rooms.findById(r.id())).contains(r);
    }

    @Test
    public void duplicateIdIsRefused() {
        Room r = room(ALICE, T0);
        assertThatThrownBy(() -> rooms.insert(r)).isInstanceOf(RuntimeException.class);
    }

    @Test
    public void membersAreAddedUpdatedAndRemoved() {
        Room r = room(ALICE, T0);
        assertThat(rooms.member(r.id(), BOB)).isEmpty();
        rooms.putMember(r.id(), new RoomMember(BOB, false));
        assertThat(rooms.member(r.id(), BOB)).contains(new RoomMember(BOB, false));
        rooms.putMember(r.id(), new RoomMember(BOB, true));
        assertThat(rooms.member(r.id(), BOB)).contains(new RoomMember(BOB, true));
        assertThat(rooms.members(r.id())).containsExactly(new RoomMember(BOB, true));
        assertThat(rooms.removeMember(r.id(), BOB)).isTrue();
        assertThat(rooms.removeMember(r.id(), BOB)).isFalse();
        assertThat(rooms.members(r.id())).isEmpty();
    }

    @Test
    public void listForUserShowsOwnedAndInvitedRoomsNewestFirst() {
        Room older = room(ALICE, T0);
        Room newer = room(BOB, T0.plusSeconds(60));
        rooms.putMember(newer.id(), new RoomMember(ALICE, false));
        room(BOB, T0.plusSeconds(120));
        assertThat(rooms.listForUser(ALICE)).containsExactly(newer, older);
    }

    @Test
    public void inviteCodesFindTheirRoom() {
        Room r = room(ALICE, T0);
        rooms.addInviteCode(r.id(), "digest-1", T0);
        assertThat(rooms.findRoomByInviteCode("digest-1")).contains(r.id());
        assertThat(rooms.findRoomByInviteCode("DIGEST-1")).isEmpty();
        assertThat(rooms.findRoomByInviteCode("digest-2")).isEmpty();
    }

    @Test
    public void deleteRemovesRoomMembersAndCodes() {
        Room r = room(ALICE, T0);
        rooms.putMember(r.id(), new RoomMember(BOB, true));
        rooms.addInviteCode(r.id(), "digest-x", T0);
        assertThat(rooms.delete(r.id())).isTrue();
        assertThat(rooms.findById(r.id())).isEmpty();
        assertThat(rooms.members(r.id())).isEmpty();
        assertThat(rooms.findRoomByInviteCode("digest-x")).isEmpty();
        assertThat(rooms.delete(r.id())).isFalse();
    }
}
