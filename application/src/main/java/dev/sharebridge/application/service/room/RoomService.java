package dev.sharebridge.application.service.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.room.ManageRoomsUseCase;
import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Rooms themselves (docs/reference.md §8), and taking a removed user out of every room. Who is in
 * a room is {@link RoomInvitationsService} and {@link RoomModeratorsService}.
 */
public final class RoomService implements ManageRoomsUseCase {
    private final RoomRepository rooms;
    private final SharedFolderService folders;
    private final MeetingService meetings;
    private final Clock clock;
    private final RoomAccess access;
    private final RoomMembers members;

    /** @param users the accounts members must have (see {@code RoomMembers}) */
    public RoomService(
            RoomRepository rooms,
            UserRepository users,
            SharedFolderService folders,
            MeetingService meetings,
            Clock clock) {
        this.rooms = rooms;
        this.folders = folders;
        this.meetings = meetings;
        this.clock = clock;
        this.access = new RoomAccess(rooms);
        this.members = new RoomMembers(rooms, users, meetings);
    }

    @Override
    public Room create(UserId owner, Optional<String> title) {
        Room room = Room.create(
                RoomId.random(),
                title.map(String::strip).filter(t -> !t.isEmpty()),
                owner,
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
                members.drop(room.id(), user);
            }
        }
    }
}
