package dev.sharebridge.adapter.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.cache.RecentStatsStorage;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageProviderContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract again on local files behind {@link RecentStatsStorage}, with stat results
 * kept far longer than any test runs: every change
 * made through the provider must still show at once. Plus what a kept result may hide of changes
 * made on the disk by others, and what it never does (open a file).
 */
class RecentStatsLocalStorageProviderTest extends StorageProviderContract {
    @TempDir
    Path temp;

    Path root;

    @Override
    protected StorageProvider provider() {
        root = temp.resolve("storage");
        return new RecentStatsStorage(new LocalStorageProvider(root), Duration.ofHours(1));
    }

    @Test
    void aChangeOnTheDiskIsHiddenOnlyUntilSomethingChangesThroughTheProvider() throws Exception {
        put("/a.txt", "one");
        assertThat(storage().stat(p("/a.txt")).orElseThrow().size()).isEqualTo(3);
        Files.writeString(root.resolve("a.txt"), "three");
        Files.writeString(root.resolve("b.txt"), "new");
        assertThat(storage().stat(p("/a.txt")).orElseThrow().size()).isEqualTo(3);
        assertThat(storage().stat(p("/b.txt"))).isPresent(); // never asked before: read now

        storage().makeFolder(p("/elsewhere"));
        assertThat(storage().stat(p("/a.txt")).orElseThrow().size()).isEqualTo(5);
    }

    @Test
    void aMissingItemIsKeptAsMissingUntilItIsWrittenThroughTheProvider() throws Exception {
        assertThat(storage().stat(p("/later.txt"))).isEmpty();
        put("/later.txt", "here");
        assertThat(storage().stat(p("/later.txt"))).isPresent();
        storage().delete(p("/later.txt"));
        assertThat(storage().stat(p("/later.txt"))).isEmpty();
    }

    @Test
    void aKeptResultIsNeverUsedToReadAFile() throws Exception {
        put("/gone.txt", "soon gone");
        assertThat(storage().stat(p("/gone.txt"))).isPresent();
        Files.delete(root.resolve("gone.txt"));
        assertThat(storage().stat(p("/gone.txt"))).isPresent();
        assertThatThrownBy(() -> storage().read(p("/gone.txt"), Optional.empty()))
                .isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void withoutALimitEveryStatLooksAtTheDisk() throws Exception {
        StorageProvider fresh = new LocalStorageProvider(temp.resolve("fresh"));
        assertThat(fresh.stat(p("/x.txt"))).isEmpty();
        Files.writeString(temp.resolve("fresh").resolve("x.txt"), "x");
        assertThat(fresh.stat(p("/x.txt"))).isPresent();
    }
}
