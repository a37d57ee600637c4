package dev.sharebridge.application.port.in.room;

import dev.sharebridge.domain.room.RoomRole;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.room.SharedFolderLink;
import java.util.Objects;
import java.util.Optional;

/** A shared folder as one person may see it: the read-write link only for moderators. */
public record SharedFolderView(SharedFolderLink read, Optional<SharedFolderLink> readWrite) {
    public SharedFolderView {
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(readWrite, "readWrite");
    }

    public static SharedFolderView of(SharedFolder folder, RoomRole role) {
        return new SharedFolderView(folder.read(), folder.readWriteFor(role));
    }

    @Override
    public String toString() {
        return "SharedFolderView[readWrite=" + readWrite.isPresent() + "]";
    }
}
