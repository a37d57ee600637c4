package dev.sharebridge.application.port.in.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;

/**
 * The moderator role in a room (docs/reference.md §8). Moderators only: people not in the room
 * get {@link NotFoundException}, invitees without the role {@link ForbiddenException}. Live
 * participants whose role changes are told.
 */
public interface RoomModeratorsUseCase {

    /** Makes an invitee (invited now if needed) a moderator. */
    void grantModerator(UserId caller, RoomId room, UserId user) throws NotFoundException, ForbiddenException;

    /** Takes the moderator role away; the owner cannot be demoted ({@link ForbiddenException}). */
    void revokeModerator(UserId caller, RoomId room, UserId user) throws NotFoundException, ForbiddenException;
}
