package dev.sharebridge.application.service.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.room.ManageRoomsUseCase;
import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.domain.TokenDigest;
import dev.sharebridge.domain.room.InviteCode;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Rooms, invitees, moderators and invite codes (docs/reference.md §8). */
public final class RoomService implements ManageRoomsUseCase {
    private final RoomRepository rooms;
    private final UserRepository users;
    private final SharedFolderService folders;
    private final MeetingService meetings;
    private final Clock clock;
    private final SecureRandom random;
    private final RoomAccess access;

    public RoomService(RoomRepository rooms, UserRepository users, SharedFolderService folders,
            MeetingService meetings, Clock clock, SecureRandom random) {
        this.rooms = rooms;
        this.users = users;
        this.folders = folders;
        this.meetings = meetings;
        this.clock = clock;
        this.random = random;
        this.access = new RoomAccess(rooms);
    }

    @Override
    public Room create(UserId owner, Optional<String> title) {
        Room room = Room.create(RoomId.random(), title.map(String::strip).filter(t -> !t.isEmpty()), owner,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        rooms.insert(room);
        return room;
    }

    @Override
    public Room get(UserId caller, RoomId room) throws NotFoundException {
        return access.visibleRoom(caller, room);
    }

    @Override
    public List<Room> list(UserId caller) {
        return rooms.listForUser(caller);
    }

    @Override
    public void delete(UserId caller, RoomId room, boolean force)
            throws NotFoundException, ForbiddenException, UpstreamUnavailableException {
        access.ownedRoom(caller, room);
        deleteRoom(room, force);
    }

    /**
     * Deletes the room's shared folder (when it has one) and then the room. With {@code force} a
     * storage failure does not stop the room's deletion; without, it stops before anything is gone.
     */
    private void deleteRoom(RoomId room, boolean force) throws UpstreamUnavailableException {
        try {
            if (folders.deleteFolderOf(room)) {
                meetings.folderDeleted(room);
            }
        } catch (UpstreamUnavailableException e) {
            if (!force) {
                throw e;
            }
        }
        rooms.delete(room);
        meetings.roomDeleted(room);
    }

    /** Takes {@code user} out of the room's members and tells their connections. */
    private void dropMember(RoomId room, UserId user) {
        if (rooms.removeMember(room, user)) {
            meetings.roleChanged(room, user);
        }
    }

    /**
     * Takes a user out of every room before the user is removed: rooms they own are deleted with
     * their shared folders (nothing is left on the storage), and their invitations end. A storage
     * failure stops here, before anything of the user is gone, so the removal can be retried.
     */
    public void removeFromAllRooms(UserId user) throws UpstreamUnavailableException {
        for (Room room : rooms.listForUser(user)) {
            if (room.isOwner(user)) {
                deleteRoom(room.id(), false);
            } else {
                dropMember(room.id(), user);
            }
        }
    }

    @Override
    public void invite(UserId caller, RoomId room, UserId invitee) throws NotFoundException, ForbiddenException {
        Room r = access.moderatedRoom(caller, room);
        requireUser(invitee);
        if (!r.isOwner(invitee) && rooms.member(room, invitee).isEmpty()) {
            rooms.putMember(room, new RoomMember(invitee, false));
        }
    }

    @Override
    public void uninvite(UserId caller, RoomId room, UserId invitee) throws NotFoundException, ForbiddenException {
        Room r = access.moderatedRoom(caller, room);
        if (r.isOwner(invitee)) {
            throw new ForbiddenException("the owner cannot be removed from the room");
        }
        dropMember(room, invitee);
    }

    @Override
    public void grantModerator(UserId caller, RoomId room, UserId user) throws NotFoundException, ForbiddenException {
        Room r = access.moderatedRoom(caller, room);
        requireUser(user);
        if (r.isOwner(user)) {
            return;
        }
        boolean already = rooms.member(room, user).map(RoomMember::moderator).orElse(false);
        if (!already) {
            rooms.putMember(room, new RoomMember(user, true));
            meetings.roleChanged(room, user);
        }
    }

    @Override
    public void revokeModerator(UserId caller, RoomId room, UserId user) throws NotFoundException, ForbiddenException {
        Room r = access.moderatedRoom(caller, room);
        if (r.isOwner(user)) {
            throw new ForbiddenException("the owner is always a moderator");
        }
        Optional<RoomMember> member = rooms.member(room, user);
        if (member.isPresent() && member.get().moderator()) {
            rooms.putMember(room, new RoomMember(user, false));
            meetings.roleChanged(room, user);
        }
    }

    @Override
    public InviteCode createInviteCode(UserId caller, RoomId room) throws NotFoundException, ForbiddenException {
        access.moderatedRoom(caller, room);
        InviteCode code = InviteCode.generate(random);
        rooms.addInviteCode(room, TokenDigest.digest(code.value()), clock.instant());
        return code;
    }

    private void requireUser(UserId user) throws NotFoundException {
        if (users.findById(user).isEmpty()) {
            throw new NotFoundException("no such user");
        }
    }
}
