package dev.sharebridge.application.port.in.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;

/**
 * A room's shared folder: one folder with a read-write and a read-only password-protected link.
 * Creation is idempotent and safe under concurrent calls; a failure at any step leaves nothing
 * behind ({@link UpstreamUnavailableException}) and a retry succeeds.
 */
public interface SharedFolderUseCase {

    /** Creates the folder (moderators only) or returns the existing one. */
    SharedFolderResult put(UserId caller, RoomId room)
            throws NotFoundException, ForbiddenException, UpstreamUnavailableException;

    /** @throws NotFoundException when the room has no folder or the caller is not in the room */
    SharedFolderView get(UserId caller, RoomId room) throws NotFoundException;

    /** Deletes both links and the folder with all files; nothing there is fine. Moderators only. */
    void delete(UserId caller, RoomId room) throws NotFoundException, ForbiddenException, UpstreamUnavailableException;
}
