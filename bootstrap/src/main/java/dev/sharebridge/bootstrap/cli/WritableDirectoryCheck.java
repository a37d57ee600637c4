package dev.sharebridge.bootstrap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Checks that a directory exists (creating it if needed) and that a file can be written in it. */
public record WritableDirectoryCheck(String name, Path directory) implements ReadinessCheck {
    public WritableDirectoryCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
    }

    @Override
    public Optional<String> problem() {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".sharebridge-check-", ".tmp");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of(
                    directory + " is not a writable directory (" + e.getClass().getSimpleName() + ")");
        }
    }
}
