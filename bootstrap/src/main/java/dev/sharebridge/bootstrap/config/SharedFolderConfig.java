package dev.sharebridge.bootstrap.config;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code [shared_folder]} section: where meeting rooms get their shared folder.
 *
 * @param nextcloud  the NextCloud account; empty for {@code provider = "local"}, where the folder
 *                   lives in Sharebridge's own storage and its links are Sharebridge share links
 * @param directory  parent folder of the room folders, {@code /}-separated, no leading or
 *                   trailing slash; empty for the root
 * @param expiryDays how many days the links live; empty when they never expire
 */
public record SharedFolderConfig(Optional<NextcloudAccount> nextcloud, String directory, OptionalInt expiryDays) {
    public SharedFolderConfig {
        Objects.requireNonNull(nextcloud, "nextcloud");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(expiryDays, "expiryDays");
    }

    /** {@code "local"} or {@code "nextcloud"}. */
    public String provider() {
        return nextcloud.isPresent() ? "nextcloud" : "local";
    }
}
