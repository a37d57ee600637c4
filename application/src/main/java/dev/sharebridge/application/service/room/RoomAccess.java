package dev.sharebridge.application.service.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.RoomRole;
import dev.sharebridge.domain.user.UserId;
import java.util.Optional;

/** The one place that decides who is in a room and with which role. */
final class RoomAccess {
    static final String NOT_FOUND = "no such room";

    private final RoomRepository rooms;

    RoomAccess(RoomRepository rooms) {
        this.rooms = rooms;
    }

    /** The user's role, or empty when they are neither the owner nor invited. */
    Optional<RoomRole> role(Room room, UserId user) {
        if (room.isOwner(user)) {
            return Optional.of(RoomRole.MODERATOR);
        }
        return rooms.member(room.id(), user).map(m -> m.moderator() ? RoomRole.MODERATOR : RoomRole.PARTICIPANT);
    }

    /** The room, when the caller is in it; otherwise the same not-found as for no room at all. */
    Room visibleRoom(UserId caller, RoomId id) throws NotFoundException {
        Room room = rooms.findById(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        if (role(room, caller).isEmpty()) {
            throw new NotFoundException(NOT_FOUND);
        }
        return room;
    }

    RoomRole roleIn(UserId caller, RoomId id) throws NotFoundException {
        Room room = rooms.findById(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        return role(room, caller).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    Room moderatedRoom(UserId caller, RoomId id) throws NotFoundException, ForbiddenException {
        Room room = visibleRoom(caller, id);
        if (role(room, caller).orElseThrow() != RoomRole.MODERATOR) {
            throw new ForbiddenException("only moderators may do this");
        }
        return room;
    }

    Room ownedRoom(UserId caller, RoomId id) throws NotFoundException, ForbiddenException {
        Room room = visibleRoom(caller, id);
        if (!room.isOwner(caller)) {
            throw new ForbiddenException("only the owner may do this");
        }
        return room;
    }

    boolean isMember(RoomId room, UserId user) {
        return rooms.member(room, user).map(RoomMember::user).isPresent();
    }
}
