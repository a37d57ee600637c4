package dev.sharebridge.application.port.in.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Rooms themselves (docs/reference.md §8): making, reading, listing and deleting them. People who
 * are neither the owner nor invited get {@link NotFoundException}; who is in a room is
 * {@link RoomInvitationsUseCase} and {@link RoomModeratorsUseCase}.
 */
public interface ManageRoomsUseCase {

    Room create(UserId owner, Optional<String> title);

    Room get(UserId caller, RoomId room) throws NotFoundException;

    List<Room> list(UserId caller);

    /**
     * Deletes the room and its shared folder (owner only, else {@link ForbiddenException}). When
     * the storage fails the room stays, unless {@code force}, which deletes the room anyway (the
     * folder may then remain on the storage).
     */
    void delete(UserId caller, RoomId room, boolean force)
            throws NotFoundException, ForbiddenException, UpstreamUnavailableException;
}
