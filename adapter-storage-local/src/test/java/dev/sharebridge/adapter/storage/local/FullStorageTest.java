package dev.sharebridge.adapter.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.StorageFullException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk is {@link StorageFullException}, not "unavailable", and a write that hits it leaves
 * nothing behind. The disk is a real 2 MiB tmpfs (mounting needs root; skipped where it fails).
 */
class FullStorageTest {
    @TempDir
    Path temp;

    private Path mounted;

    /** Mounts a tmpfs with {@code options} at a new folder, or skips the test when that is impossible. */
    static Path tmpfs(Path at, String options) throws IOException, InterruptedException {
        Files.createDirectories(at);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeThat(mount.waitFor()).as("mount -t tmpfs (needs root): %s", said).isZero();
        return at;
    }

    static void unmount(Path at) throws IOException, InterruptedException {
        new ProcessBuilder("umount", at.toString()).inheritIO().start().waitFor();
    }

    @AfterEach
    void umount() throws Exception {
        if (mounted != null) {
            unmount(mounted);
        }
    }

    private static InputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    private List<String> everything(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root))
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void aWriteThatFillsTheDiskIsStorageFullAndLeavesTheOldFileAndNoPart() throws Exception {
        mounted = tmpfs(temp.resolve("disk"), "size=2m");
        LocalStorageProvider local = new LocalStorageProvider(mounted);
        local.write(ItemPath.parse("docs/old.txt"), new ByteArrayInputStream("old".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> local.write(ItemPath.parse("docs/big.bin"), bytes(3 * 1024 * 1024)))
                .isInstanceOf(StorageFullException.class)
                .hasMessageContaining("docs/big.bin")
                .hasMessageNotContaining(mounted.toString());
        assertThatThrownBy(() -> local.write(ItemPath.parse("docs/old.txt"), bytes(3 * 1024 * 1024)))
                .isInstanceOf(StorageFullException.class);

        assertThat(everything(mounted)).containsExactly("docs", "docs/old.txt");
        assertThat(mounted.resolve("docs/old.txt")).hasContent("old");
        local.write(ItemPath.parse("docs/small.txt"), bytes(1000)); // the space the failed writes took is free again
        assertThat(local.stat(ItemPath.parse("docs/small.txt")))
                .hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(1000));
    }

    @Test
    void aFolderThatFindsNoRoomIsStorageFull() throws Exception {
        mounted = tmpfs(temp.resolve("disk"), "size=2m,nr_inodes=4");
        LocalStorageProvider local = new LocalStorageProvider(mounted);

        assertThatThrownBy(() -> {
                    for (int i = 0; i < 10; i++) {
                        local.makeFolder(ItemPath.parse("f" + i));
                    }
                })
                .isInstanceOf(StorageFullException.class);
        assertThatThrownBy(() -> local.write(ItemPath.parse("x.txt"), bytes(10)))
                .isInstanceOf(StorageFullException.class);
        assertThat(everything(mounted)).allMatch(name -> name.startsWith("f"));
    }
}
