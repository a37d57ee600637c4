package dev.sharebridge.application.service.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.room.RoomInvitationsUseCase;
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

/** Invitations and invite codes of a room (docs/reference.md §8). */
public final class RoomInvitationsService implements RoomInvitationsUseCase {
    private final RoomRepository rooms;
    private final Clock clock;
    private final SecureRandom random;
    private final RoomAccess access;
    private final RoomMembers members;

    public RoomInvitationsService(
            RoomRepository rooms, UserRepository users, MeetingService meetings, Clock clock, SecureRandom random) {
        this.rooms = rooms;
        this.clock = clock;
        this.random = random;
        this.access = new RoomAccess(rooms);
        this.members = new RoomMembers(rooms, users, meetings);
    }

    @Override
    public void invite(UserId caller, RoomId room, UserId invitee) throws NotFoundException, ForbiddenException {
        Room r = access.moderatedRoom(caller, room);
        members.requireUser(invitee);
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
        members.drop(room, invitee);
    }

    @Override
    public InviteCode createInviteCode(UserId caller, RoomId room) throws NotFoundException, ForbiddenException {
        access.moderatedRoom(caller, room);
        InviteCode code = InviteCode.generate(random);
        rooms.addInviteCode(room, TokenDigest.digest(code.value()), clock.instant());
        return code;
    }
}
