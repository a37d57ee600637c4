package dev.sharebridge.application.port.in.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.room.InviteCode;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Rooms and who is in them (docs/reference.md §8). People who are neither the owner nor invited get
 * {@link NotFoundException}; invitees who lack the moderator role get {@link ForbiddenException}.
 */
public interface ManageRoomsUseCase {

    Room create(UserId owner, Optional<String> title);

    Room get(UserId caller, RoomId room) throws NotFoundException;

    List<Room> list(UserId caller);

    /**
     * Deletes the room and its shared folder. When the storage fails the room stays, unless
     * {@code force}, which deletes the room anyway (the folder may then remain on the storage).
     */
    void delete(UserId caller, RoomId room, boolean force)
            throws NotFoundException, ForbiddenException, UpstreamUnavailableException;

    void invite(UserId caller, RoomId room, UserId invitee) throws NotFoundException, ForbiddenException;

    void uninvite(UserId caller, RoomId room, UserId invitee) throws NotFoundException, ForbiddenException;

    /** Makes an invitee (invited now if needed) a moderator; live participants are told. */
    void grantModerator(UserId caller, RoomId room, UserId user) throws NotFoundException, ForbiddenException;

    /** Takes the moderator role away; the owner cannot be demoted ({@link ForbiddenException}). */
    void revokeModerator(UserId caller, RoomId room, UserId user) throws NotFoundException, ForbiddenException;

    /** A new code for guests; only its digest is stored. */
    InviteCode createInviteCode(UserId caller, RoomId room) throws NotFoundException, ForbiddenException;
}
