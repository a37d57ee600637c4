package dev.sharebridge.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritableDirectoryCheckTest {

    @Test
    void createsAMissingDirectoryAndLeavesNothingBehind(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b");

        assertThat(new WritableDirectoryCheck("files", target).problem()).isEmpty();
        assertThat(Files.list(target)).isEmpty();
    }

    @Test
    void aPathBelowAFileIsNotWritable(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");

        assertThat(new WritableDirectoryCheck("files", file.resolve("sub")).problem())
                .get()
                .asString()
                .contains("is not a writable directory");
    }
}
