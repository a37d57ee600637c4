package dev.sharebridge.application.service.room;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;

/**
 * The membership changes the room services share: a member joins only as a known user, and one
 * who leaves (uninvited, or removed with their account) is taken out with their connections told.
 */
final class RoomMembers {
    private final RoomRepository rooms;
    private final UserRepository users;
    private final MeetingService meetings;

    RoomMembers(RoomRepository rooms, UserRepository users, MeetingService meetings) {
        this.rooms = rooms;
        this.users = users;
        this.meetings = meetings;
    }

    void requireUser(UserId user) throws NotFoundException {
        if (users.findById(user).isEmpty()) {
            throw new NotFoundException("no such user");
        }
    }

    /** Takes {@code user} out of the room's members and tells their connections. */
    void drop(RoomId room, UserId user) {
        if (rooms.removeMember(room, user)) {
            meetings.roleChanged(room, user);
        }
    }
}
