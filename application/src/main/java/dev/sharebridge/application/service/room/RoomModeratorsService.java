package dev.sharebridge.application.service.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.room.RoomModeratorsUseCase;
import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.util.Optional;

/** The moderator role in a room (docs/reference.md §8); live participants hear of every change. */
public final class RoomModeratorsService implements RoomModeratorsUseCase {
    private final RoomRepository rooms;
    private final MeetingService meetings;
    private final RoomAccess access;
    private final RoomMembers members;

    public RoomModeratorsService(RoomRepository rooms, UserRepository users, MeetingService meetings) {
        this.rooms = rooms;
        this.meetings = meetings;
        this.access = new RoomAccess(rooms);
        this.members = new RoomMembers(rooms, users, meetings);
    }

    @Override
    public void grantModerator(UserId caller, RoomId room, UserId user) throws NotFoundException, ForbiddenException {
        Room r = access.moderatedRoom(caller, room);
        members.requireUser(user);
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
}
