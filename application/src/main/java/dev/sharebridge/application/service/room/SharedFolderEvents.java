package dev.sharebridge.application.service.room;

import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.SharedFolder;

/**
 * What the shared-folder use cases tell the rest of the application once a change is done: the
 * meeting uses it to bring everyone connected up to date. Called after the change is stored, on
 * the caller's thread; an implementation must not fail the change.
 */
public interface SharedFolderEvents {
    /** A room got its shared folder. */
    void folderCreated(Room room, SharedFolder folder);

    /** A room's shared folder is gone. */
    void folderDeleted(RoomId room);
}
