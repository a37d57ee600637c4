package dev.sharebridge.domain.room;

import dev.sharebridge.domain.item.ItemPath;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A meeting room's folder on the shared-folder storage and its two password-protected links.
 *
 * @param provider the name of the storage that holds it ({@code "local"}, {@code "nextcloud"})
 * @param folder the folder's path relative to that storage's root
 */
public record SharedFolder(
        RoomId roomId,
        String provider,
        ItemPath folder,
        SharedFolderLink read,
        SharedFolderLink readWrite,
        Instant createdAt) {

    private static final String FOLDER_PREFIX = "sharebridge-room-";

    public SharedFolder {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(readWrite, "readWrite");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The folder's name on the storage: from the room's id only, never from its title. */
    public static String folderName(RoomId roomId) {
        return FOLDER_PREFIX + roomId;
    }

    /** Whether {@code name} is the {@link #folderName} of some room. */
    public static boolean isFolderName(String name) {
        return name.startsWith(FOLDER_PREFIX)
                && RoomId.parse(name.substring(FOLDER_PREFIX.length())).isPresent();
    }

    /** The read-write link when {@code role} may see it. */
    public Optional<SharedFolderLink> readWriteFor(RoomRole role) {
        return role == RoomRole.MODERATOR ? Optional.of(readWrite) : Optional.empty();
    }
}
