package dev.sharebridge.bootstrap.config;

import java.nio.file.Path;
import java.util.Objects;

/** The {@code [storage]} section: where the items of share links (the users' spaces) live. */
public sealed interface StorageConfig permits StorageConfig.Local, StorageConfig.Nextcloud {

    /** {@code "local"} or {@code "nextcloud"}, as written in the file. */
    String provider();

    /** Files in a directory of this machine (the embedded default). */
    record Local(Path root) implements StorageConfig {
        public Local {
            Objects.requireNonNull(root, "root");
        }

        @Override
        public String provider() {
            return "local";
        }
    }

    /**
     * Files in a NextCloud account.
     *
     * @param directory folder inside the account, {@code /}-separated without leading or
     *                  trailing slash; empty for the account's root
     */
    record Nextcloud(NextcloudAccount account, String directory) implements StorageConfig {
        public Nextcloud {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String provider() {
            return "nextcloud";
        }
    }
}
