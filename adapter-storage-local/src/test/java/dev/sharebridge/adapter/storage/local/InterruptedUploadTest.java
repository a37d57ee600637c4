package dev.sharebridge.adapter.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.domain.item.ItemPath;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary files of uploads a crash interrupted are deleted at start
 * ({@link LocalStorageProvider#removeInterruptedUploads}); those a running process is still
 * writing are not. The uploads run in real separate JVMs, killed with SIGKILL.
 */
class InterruptedUploadTest {
    @TempDir
    Path root;

    private final List<Process> started = new java.util.ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** Starts {@link InterruptedUpload} and waits until its first chunk is on disk. */
    private Process uploading(String path) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        InterruptedUpload.class.getName(),
                        root.toString(),
                        path)
                .redirectErrorStream(true)
                .start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.equals(InterruptedUpload.WRITING)) {
            // JVM warnings, if any
        }
        assertThat(line).as("the upload process got to writing").isEqualTo(InterruptedUpload.WRITING);
        return p;
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(f -> f.getFileName().toString().startsWith(LocalStorageProvider.TEMP_PREFIX))
                    .toList();
        }
    }

    @Test
    void theTempFileOfAKilledUploadIsRemovedAtStartAndARunningOneIsLeftAlone() throws Exception {
        new LocalStorageProvider(root)
                .write(
                        ItemPath.parse("docs/kept.txt"),
                        new ByteArrayInputStream("kept".getBytes(StandardCharsets.UTF_8)));
        Process killed = uploading("docs/killed.bin");
        Process running = uploading("other/deeper/running.bin");
        assertThat(tempFiles()).hasSize(2);
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tempFiles())
                .as("a killed upload cannot clean up after itself")
                .hasSize(2);

        LocalStorageProvider restarted = new LocalStorageProvider(root);
        int removed = restarted.removeInterruptedUploads();

        assertThat(removed).isEqualTo(1);
        assertThat(tempFiles())
                .singleElement()
                .satisfies(
                        f -> assertThat(f.getParent().getFileName().toString()).isEqualTo("deeper"));
        assertThat(running.isAlive()).isTrue();
        assertThat(root.resolve("docs/kept.txt")).hasContent("kept");
        assertThat(restarted.list(ItemPath.parse("docs")))
                .extracting(i -> i.name())
                .containsExactly("kept.txt");

        running.destroyForcibly();
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(restarted.removeInterruptedUploads()).isEqualTo(1);
        assertThat(tempFiles()).isEmpty();
        assertThat(restarted.removeInterruptedUploads()).isZero();
    }

    @Test
    void onlyTheUploadsOwnHiddenNamesAreRemoved() throws Exception {
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/.sharebridge-upload-notes.txt"), "not a temp file");
        Files.writeString(root.resolve("a/report.tmp"), "a user's file");
        Files.writeString(root.resolve("a/.sharebridge-upload-0b5e.tmp"), "left by a crash");

        assertThat(new LocalStorageProvider(root).removeInterruptedUploads()).isEqualTo(1);

        try (Stream<Path> left = Files.list(root.resolve("a"))) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(".sharebridge-upload-notes.txt", "report.tmp");
        }
    }
}
