package dev.sharebridge.adapter.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageProviderContract;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageProviderTest extends StorageProviderContract {

    @TempDir
    Path temp;

    Path root;

    @Override
    protected StorageProvider provider() {
        root = temp.resolve("storage");
        return new LocalStorageProvider(root);
    }

    private LocalStorageProvider local() {
        return (LocalStorageProvider) storage();
    }

    private List<String> rawNames(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(e -> e.getFileName().toString()).sorted().toList();
        }
    }

    // ---- construction ----------------------------------------------------------------------

    @Test
    void constructorCreatesMissingRoot() throws Exception {
        Path nested = temp.resolve("a/b/c");
        StorageProvider created = new LocalStorageProvider(nested);
        assertThat(nested).isDirectory();
        assertThat(created.stat(ItemPath.root())).isPresent();
    }

    @Test
    void constructorRefusesAFileAsRoot() throws Exception {
        Path file = Files.writeString(temp.resolve("plain.txt"), "x");
        assertThatThrownBy(() -> new LocalStorageProvider(file)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filesLandBelowTheRoot() throws Exception {
        put("/dir/f.txt", "on disk");
        assertThat(root.resolve("dir").resolve("f.txt")).hasContent("on disk");
    }

    @Test
    void missingRootIsUnavailableWithoutHostPathInMessage() throws Exception {
        Files.delete(root);
        assertThatThrownBy(() -> local().stat(ItemPath.root()))
                .isInstanceOf(StorageUnavailableException.class)
                .message()
                .doesNotContain(temp.toString());
        assertThatThrownBy(local()::ping).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> put("/x.txt", "x")).isInstanceOf(StorageUnavailableException.class);
        // below the root, where the root is only looked at when the first level is not there
        assertThatThrownBy(() -> local().stat(ItemPath.parse("/a/b.txt")))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> local().stat(ItemPath.parse("/" + LocalStorageProvider.TEMP_PREFIX + "x")))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aRootReplacedByAFileIsUnavailableNotMissingItems() throws Exception {
        LocalStorageProvider provider = local();
        Files.delete(root);
        Files.writeString(root, "not a folder");
        assertThatThrownBy(() -> provider.stat(ItemPath.parse("/a.txt")))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> provider.stat(ItemPath.parse("/a/b.txt")))
                .isInstanceOf(StorageUnavailableException.class);
    }

    // ---- temp files ------------------------------------------------------------------------

    @Test
    void failedWriteRemovesItsTempFile() throws Exception {
        put("/in/old.txt", "old");
        assertThatThrownBy(() -> local().write(ItemPath.parse("/in/old.txt"), failingAfter(new byte[200_000])))
                .isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> local().write(ItemPath.parse("/in/new.txt"), failingAfter(new byte[10])))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(rawNames(root.resolve("in"))).containsExactly("old.txt");
    }

    @Test
    void successfulWriteLeavesNoTempFile() throws Exception {
        put("/f.txt", "one");
        put("/f.txt", "two");
        assertThat(rawNames(root)).containsExactly("f.txt");
    }

    @Test
    void staleTempFilesAreInvisible() throws Exception {
        Files.writeString(root.resolve(LocalStorageProvider.TEMP_PREFIX + "crashed.tmp"), "partial");
        put("/real.txt", "x");

        assertThat(local().list(ItemPath.root())).extracting(StoredItem::name).containsExactly("real.txt");
        assertThat(local().stat(ItemPath.parse("/" + LocalStorageProvider.TEMP_PREFIX + "crashed.tmp")))
                .isEmpty();
        assertThatThrownBy(() -> local().read(
                                ItemPath.parse("/" + LocalStorageProvider.TEMP_PREFIX + "crashed.tmp"),
                                Optional.empty()))
                .isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void reservedTempPrefixCannotBeWritten() throws Exception {
        ItemPath reserved = ItemPath.parse("/" + LocalStorageProvider.TEMP_PREFIX + "mine");
        assertThatThrownBy(() -> local().write(reserved, bytes("x"))).isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> local().makeFolder(reserved.resolve("sub")))
                .isInstanceOf(StorageRejectedException.class);
        assertThat(rawNames(root)).isEmpty();
    }

    @Test
    void writeInProgressIsInvisibleToReaders() throws Exception {
        put("/doc.txt", "old content");
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        InputStream slow = new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos == 3) {
                    halfway.countDown();
                    try {
                        resume.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                }
                return pos < 6 ? "NEWNEW".charAt(pos++) : -1;
            }
        };
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<WriteResult> result = writer.submit(() -> local().write(ItemPath.parse("/doc.txt"), slow));
            assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(readText("/doc.txt")).isEqualTo("old content");
            assertThat(local().list(ItemPath.root()))
                    .extracting(StoredItem::name)
                    .containsExactly("doc.txt");
            assertThat(rawNames(root)).hasSize(2).anyMatch(n -> n.startsWith(LocalStorageProvider.TEMP_PREFIX));

            resume.countDown();
            assertThat(result.get(30, TimeUnit.SECONDS).created()).isFalse();
            assertThat(readText("/doc.txt")).isEqualTo("NEWNEW");
            assertThat(rawNames(root)).containsExactly("doc.txt");
        } finally {
            resume.countDown();
            writer.shutdownNow();
        }
    }

    // ---- concurrency and size --------------------------------------------------------------

    @Test
    void concurrentWritersOfOneFileLeaveOneCompleteVersion() throws Exception {
        int writers = 4;
        int size = 1 << 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<WriteResult>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                byte fill = (byte) ('A' + w);
                results.add(pool.submit(() -> {
                    start.await();
                    return local().write(ItemPath.parse("/shared/same.bin"), new PatternStream(fill, size));
                }));
            }
            start.countDown();
            for (Future<WriteResult> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS).item().size()).isEqualTo(size);
            }
        } finally {
            pool.shutdownNow();
        }

        byte[] content;
        try (ItemContent c = local().read(ItemPath.parse("/shared/same.bin"), Optional.empty())) {
            content = c.stream().readAllBytes();
        }
        assertThat(content).hasSize(size);
        byte first = content[0];
        assertThat(first).isBetween((byte) 'A', (byte) ('A' + writers - 1));
        for (int i = 0; i < content.length; i++) {
            if (content[i] != first) {
                throw new AssertionError("mixed versions at byte " + i);
            }
        }
        assertThat(rawNames(root.resolve("shared"))).containsExactly("same.bin");
    }

    @Test
    void largeWriteIsStreamedThroughATempFile() throws Exception {
        long size = 64L << 20;
        Path folder = root.resolve("big");
        local().makeFolder(ItemPath.parse("/big"));
        GeneratedStream source = new GeneratedStream(size, 42, () -> {
            // halfway through the upload, the first half must already be on disk, not in memory
            try (Stream<Path> entries = Files.list(folder)) {
                long onDisk = entries.filter(
                                e -> e.getFileName().toString().startsWith(LocalStorageProvider.TEMP_PREFIX))
                        .mapToLong(e -> e.toFile().length())
                        .sum();
                assertThat(onDisk).isGreaterThanOrEqualTo(size / 2 - (1 << 20));
            }
        });

        WriteResult result = local().write(ItemPath.parse("/big/file.bin"), source);

        assertThat(source.checkpointReached).isTrue();
        assertThat(result.item().size()).isEqualTo(size);
        MessageDigest read = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (ItemContent c = local().read(ItemPath.parse("/big/file.bin"), Optional.empty())) {
            int n;
            while ((n = c.stream().read(buffer)) != -1) {
                read.update(buffer, 0, n);
                total += n;
            }
        }
        assertThat(total).isEqualTo(size);
        assertThat(read.digest()).isEqualTo(source.digest.digest());
    }

    // ---- move and copy ---------------------------------------------------------------------

    private Object fileKey(String relative) throws IOException {
        return Files.readAttributes(root.resolve(relative), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
    }

    @Test
    void aMoveIsARenameThatKeepsTheFileAndItsEtag() throws Exception {
        put("/dir/a.txt", "same file");
        local().makeFolder(ItemPath.parse("/other"));
        String etag = local().stat(ItemPath.parse("/dir/a.txt")).orElseThrow().etag();
        Object key = fileKey("dir/a.txt");

        TransferResult moved = local().move(ItemPath.parse("/dir/a.txt"), ItemPath.parse("/other/b.txt"), false);

        assertThat(moved.item().etag()).isEqualTo(etag);
        assertThat(fileKey("other/b.txt")).isEqualTo(key);
    }

    @Test
    void aCopyIsANewFileWithItsOwnEtag() throws Exception {
        String etag = put("/a.txt", "content").item().etag();

        TransferResult copied = local().copy(ItemPath.parse("/a.txt"), ItemPath.parse("/b.txt"), false);

        assertThat(copied.item().etag()).isNotEqualTo(etag);
        assertThat(fileKey("b.txt")).isNotEqualTo(fileKey("a.txt"));
    }

    @Test
    void replacingLeavesNothingHiddenBehind() throws Exception {
        put("/src/a.txt", "a");
        put("/dst/old/b.txt", "b");
        put("/file.txt", "f");

        local().copy(ItemPath.parse("/src"), ItemPath.parse("/dst"), true);
        local().move(ItemPath.parse("/file.txt"), ItemPath.parse("/dst"), true);
        local().move(ItemPath.parse("/src"), ItemPath.parse("/dst"), true);

        assertThat(rawNames(root)).containsExactly("dst");
        assertThat(rawNames(root.resolve("dst"))).containsExactly("a.txt");
    }

    @Test
    void aCopyLeavesUnfinishedUploadsAndUnreachableNamesOut() throws Exception {
        put("/src/real.txt", "x");
        Files.writeString(root.resolve("src/" + LocalStorageProvider.TEMP_PREFIX + "busy.tmp"), "partial");
        Files.writeString(root.resolve("src/u\u0308.txt"), "not NFC");

        local().copy(ItemPath.parse("/src"), ItemPath.parse("/dst"), false);

        assertThat(rawNames(root.resolve("dst"))).containsExactly("real.txt");
    }

    @Test
    void aFailedCopyLeavesNothingAndTheDestinationUnchanged() throws Exception {
        put("/src/a.txt", "a");
        put("/src/locked.txt", "cannot be read");
        put("/dst/keep.txt", "keep");
        Path locked = root.resolve("src/locked.txt");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(locked))
                .as("permissions apply (not running as root)")
                .isFalse();

        assertThatThrownBy(() -> local().copy(ItemPath.parse("/src"), ItemPath.parse("/dst"), true))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageNotContaining(root.toString());

        assertThat(rawNames(root)).containsExactly("dst", "src");
        assertThat(rawNames(root.resolve("dst"))).containsExactly("keep.txt");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void theReservedTempPrefixCannotBeADestination() throws Exception {
        put("/a.txt", "a");
        ItemPath reserved = ItemPath.parse("/" + LocalStorageProvider.TEMP_PREFIX + "mine");

        assertThatThrownBy(() -> local().move(ItemPath.parse("/a.txt"), reserved, false))
                .isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> local().copy(ItemPath.parse("/a.txt"), reserved, false))
                .isInstanceOf(StorageRejectedException.class);
        assertThat(rawNames(root)).containsExactly("a.txt");
    }

    // ---- symbolic links --------------------------------------------------------------------

    @Nested
    class SymbolicLinks {
        Path outside;
        Path secret;

        /** Builds root/out -> outside dir, root/secret-link -> outside file, root/in -> root/real. */
        private boolean createLinks() throws IOException {
            outside = Files.createDirectories(temp.resolve("outside"));
            secret = Files.writeString(outside.resolve("secret.txt"), "top secret");
            Files.createDirectories(root.resolve("real"));
            Files.writeString(root.resolve("real/inner.txt"), "inner");
            try {
                Files.createSymbolicLink(root.resolve("out"), outside);
                Files.createSymbolicLink(root.resolve("secret-link"), secret);
                Files.createSymbolicLink(root.resolve("in"), root.resolve("real"));
                return true;
            } catch (UnsupportedOperationException | IOException e) {
                return false;
            }
        }

        private ItemPath p(String text) {
            return ItemPath.parse(text);
        }

        @Test
        void linksAreInvisibleToStatAndList() throws Exception {
            assumeThat(createLinks()).as("symbolic links supported").isTrue();

            assertThat(local().stat(p("/out"))).isEmpty();
            assertThat(local().stat(p("/out/secret.txt"))).isEmpty();
            assertThat(local().stat(p("/secret-link"))).isEmpty();
            assertThat(local().stat(p("/in"))).isEmpty();
            assertThat(local().stat(p("/in/inner.txt"))).isEmpty();
            assertThat(local().list(ItemPath.root()))
                    .extracting(StoredItem::name)
                    .containsExactly("real");
            assertThatThrownBy(() -> local().list(p("/out"))).isInstanceOf(ItemNotFoundException.class);
            assertThatThrownBy(() -> local().list(p("/in"))).isInstanceOf(ItemNotFoundException.class);
        }

        @Test
        void linksCannotBeRead() throws Exception {
            assumeThat(createLinks()).as("symbolic links supported").isTrue();

            assertThatThrownBy(() -> local().read(p("/secret-link"), Optional.empty()))
                    .isInstanceOf(ItemNotFoundException.class);
            assertThatThrownBy(() -> local().read(p("/out/secret.txt"), Optional.empty()))
                    .isInstanceOf(ItemNotFoundException.class);
            assertThatThrownBy(() -> local().read(p("/in/inner.txt"), Optional.empty()))
                    .isInstanceOf(ItemNotFoundException.class);
        }

        @Test
        void linksCannotBeWrittenThroughOrOver() throws Exception {
            assumeThat(createLinks()).as("symbolic links supported").isTrue();

            assertThatThrownBy(() -> local().write(p("/out/planted.txt"), bytes("x")))
                    .isInstanceOf(StorageRejectedException.class);
            assertThatThrownBy(() -> local().write(p("/out/deeper/planted.txt"), bytes("x")))
                    .isInstanceOf(StorageRejectedException.class);
            assertThatThrownBy(() -> local().write(p("/secret-link"), bytes("overwritten")))
                    .isInstanceOf(StorageRejectedException.class);
            assertThatThrownBy(() -> local().makeFolder(p("/out/newdir"))).isInstanceOf(StorageRejectedException.class);
            assertThatThrownBy(() -> local().makeFolder(p("/in"))).isInstanceOf(StorageRejectedException.class);

            assertThat(rawNames(outside)).containsExactly("secret.txt");
            assertThat(secret).hasContent("top secret");
            assertThat(Files.isSymbolicLink(root.resolve("secret-link"))).isTrue();
            assertThat(rawNames(root.resolve("real"))).containsExactly("inner.txt");
        }

        @Test
        void linksAreNotDeletedThroughByPath() throws Exception {
            assumeThat(createLinks()).as("symbolic links supported").isTrue();

            assertThat(local().delete(p("/out/secret.txt"))).isFalse();
            assertThat(local().delete(p("/out"))).isFalse();
            assertThat(local().delete(p("/secret-link"))).isFalse();
            assertThat(local().delete(p("/in/inner.txt"))).isFalse();

            assertThat(secret).hasContent("top secret");
            assertThat(root.resolve("real/inner.txt")).exists();
        }

        @Test
        void recursiveDeleteRemovesLinksNotTheirTargets() throws Exception {
            assumeThat(createLinks()).as("symbolic links supported").isTrue();
            Path tree = Files.createDirectories(root.resolve("tree/sub"));
            Files.writeString(tree.resolve("own.txt"), "own");
            Files.createSymbolicLink(tree.resolve("to-outside"), outside);
            Files.createSymbolicLink(tree.resolve("to-secret"), secret);
            Files.createSymbolicLink(tree.resolve("to-real"), root.resolve("real"));

            assertThat(local().list(p("/tree/sub")))
                    .extracting(StoredItem::name)
                    .containsExactly("own.txt");
            assertThat(local().delete(p("/tree"))).isTrue();

            assertThat(root.resolve("tree")).doesNotExist();
            assertThat(secret).hasContent("top secret");
            assertThat(rawNames(outside)).containsExactly("secret.txt");
            assertThat(root.resolve("real/inner.txt")).hasContent("inner");
        }

        @Test
        void linksAreNeitherMovedNorCopiedNorReplaced() throws Exception {
            assumeThat(createLinks()).as("symbolic links supported").isTrue();
            Files.createSymbolicLink(root.resolve("real/to-secret"), secret);

            assertThatThrownBy(() -> local().move(p("/secret-link"), p("/moved"), false))
                    .isInstanceOf(ItemNotFoundException.class);
            assertThatThrownBy(() -> local().copy(p("/out/secret.txt"), p("/copied.txt"), false))
                    .isInstanceOf(ItemNotFoundException.class);
            assertThatThrownBy(() -> local().move(p("/real"), p("/out/planted"), false))
                    .isInstanceOf(StorageRejectedException.class);
            assertThatThrownBy(() -> local().copy(p("/real"), p("/in"), true))
                    .isInstanceOf(StorageRejectedException.class);
            local().copy(p("/real"), p("/copy"), false);

            assertThat(rawNames(root.resolve("copy"))).containsExactly("inner.txt");
            assertThat(rawNames(outside)).containsExactly("secret.txt");
            assertThat(secret).hasContent("top secret");
            assertThat(Files.isSymbolicLink(root.resolve("in"))).isTrue();
            assertThat(Files.isSymbolicLink(root.resolve("secret-link"))).isTrue();
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** {@code size} copies of one byte, delivered in small odd-sized chunks. */
    static final class PatternStream extends InputStream {
        private final byte fill;
        private long remaining;

        PatternStream(byte fill, long size) {
            this.fill = fill;
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return fill & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(Math.min(len, 7_919), remaining);
            java.util.Arrays.fill(b, off, off + n, fill);
            remaining -= n;
            return n;
        }
    }

    /** Check run once while a stream is being consumed. */
    interface Checkpoint {
        void run() throws IOException;
    }

    /**
     * Pseudo-random bytes generated on the fly (never held as a whole), digested as they go
     * out, with a check run once half of them have been read.
     */
    static final class GeneratedStream extends InputStream {
        final MessageDigest digest;
        private final long size;
        private final Checkpoint checkpoint;
        private long position;
        private long state;
        boolean checkpointReached;

        GeneratedStream(long size, long seed, Checkpoint checkpoint) throws Exception {
            this.size = size;
            this.state = seed;
            this.checkpoint = checkpoint;
            this.digest = MessageDigest.getInstance("SHA-256");
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= size) {
                return -1;
            }
            if (!checkpointReached && position >= size / 2) {
                checkpointReached = true;
                checkpoint.run();
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                state = state * 6364136223846793005L + 1442695040888963407L;
                b[off + i] = (byte) (state >>> 56);
            }
            digest.update(b, off, n);
            position += n;
            return n;
        }
    }

    @Test
    void namesOnDiskThatNoPathCanReachAreNotListed() throws Exception {
        Files.writeString(root.resolve("u\u0308-decomposed.txt"), "nfd"); // not NFC
        Files.writeString(root.resolve("back\\slash.txt"), "bs");
        put("/ok.txt", "ok");
        assertThat(local().list(ItemPath.root())).extracting(StoredItem::name).containsExactly("ok.txt");
    }

    @Test
    void readStreamStopsAtRangeEnd() throws Exception {
        put("/r.txt", "abcdefghij");
        try (ItemContent c =
                local().read(ItemPath.parse("/r.txt"), Optional.of(new dev.sharebridge.domain.item.ByteRange(3, 4)))) {
            byte[] buffer = new byte[100];
            assertThat(c.stream().read(buffer)).isEqualTo(2);
            assertThat(new String(buffer, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("de");
            assertThat(c.stream().read(buffer)).isEqualTo(-1);
        }
    }

    @Test
    void rangeBeyondTheFileIsRejected() throws Exception {
        put("/r.txt", "abc");
        assertThatThrownBy(() -> local().read(
                                ItemPath.parse("/r.txt"), Optional.of(new dev.sharebridge.domain.item.ByteRange(1, 3))))
                .isInstanceOf(StorageException.class);
    }
}
