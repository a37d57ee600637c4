package dev.sharebridge.application.port.in.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.domain.room.InviteCode;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;

/**
 * Who may come into a room (docs/reference.md §8): invited users, and guests with an invite code.
 * Moderators only: people not in the room get {@link NotFoundException}, invitees without the
 * moderator role {@link ForbiddenException}.
 */
public interface RoomInvitationsUseCase {

    /** Invites a user (unknown users are {@link NotFoundException}); inviting twice changes nothing. */
    void invite(UserId caller, RoomId room, UserId invitee) throws NotFoundException, ForbiddenException;

    /** Ends an invitation; the owner cannot be removed ({@link ForbiddenException}). */
    void uninvite(UserId caller, RoomId room, UserId invitee) throws NotFoundException, ForbiddenException;

    /** A new code for guests; only its digest is stored. */
    InviteCode createInviteCode(UserId caller, RoomId room) throws NotFoundException, ForbiddenException;
}
