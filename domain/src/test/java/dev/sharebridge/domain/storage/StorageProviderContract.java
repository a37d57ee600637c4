package dev.sharebridge.domain.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link StorageProvider} must show, run against each implementation (local
 * directory, NextCloud on a mock server, any fake). Subclasses hand out a fresh, empty provider
 * per test; only what the port documents is checked here, nothing of one implementation.
 *
 * <p>Two points the port leaves open are fixed by this suite: a listing is sorted by
 * {@link String#compareTo} of the names, and {@code delete(root)} throws
 * {@link StorageRejectedException}.
 */
public abstract class StorageProviderContract {

    private StorageProvider provider;

    /** A new provider over an empty storage; called once before each test. */
    protected abstract StorageProvider provider() throws Exception;

    @BeforeEach
    final void createProvider() throws Exception {
        provider = provider();
    }

    /** The provider of the running test, for subclasses adding their own tests. */
    protected final StorageProvider storage() {
        return provider;
    }

    // ---- helpers -------------------------------------------------------------------------

    protected static ItemPath p(String text) {
        return ItemPath.parse(text);
    }

    protected static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    protected final WriteResult put(String path, String text) throws StorageException {
        return provider.write(p(path), bytes(text));
    }

    protected final String readText(String path) throws Exception {
        try (ItemContent content = provider.read(p(path), Optional.empty())) {
            return new String(content.stream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private StoredItem statOrFail(String path) throws StorageException {
        return provider.stat(p(path)).orElseThrow(() -> new AssertionError("expected an item at " + path));
    }

    private static List<String> names(List<StoredItem> items) {
        return items.stream().map(StoredItem::name).toList();
    }

    /** Delivers {@code head}, then fails like a client that hung up mid-upload. */
    protected static InputStream failingAfter(byte[] head) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() throws IOException {
                if (pos < head.length) {
                    return head[pos++] & 0xff;
                }
                throw new IOException("client went away");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= head.length) {
                    throw new IOException("client went away");
                }
                int n = Math.min(len, head.length - pos);
                System.arraycopy(head, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    // ---- stat ----------------------------------------------------------------------------

    @Test
    void rootIsAnEmptyFolder() throws Exception {
        StoredItem root = statOrFail("/");
        assertThat(root.type()).isEqualTo(ItemType.FOLDER);
        assertThat(root.path().isRoot()).isTrue();
        assertThat(root.size()).isZero();
        assertThat(provider.list(ItemPath.root())).isEmpty();
        provider.ping();
    }

    @Test
    void statOfMissingItemIsEmpty() throws Exception {
        assertThat(provider.stat(p("/nothing.txt"))).isEmpty();
        assertThat(provider.stat(p("/no/such/folder"))).isEmpty();
    }

    @Test
    void statBelowAFileIsEmpty() throws Exception {
        put("/f.txt", "x");
        assertThat(provider.stat(p("/f.txt/child"))).isEmpty();
    }

    @Test
    void statOfFile() throws Exception {
        put("/docs/readme.txt", "hello world");
        StoredItem item = statOrFail("/docs/readme.txt");
        assertThat(item.path()).isEqualTo(p("/docs/readme.txt"));
        assertThat(item.name()).isEqualTo("readme.txt");
        assertThat(item.type()).isEqualTo(ItemType.FILE);
        assertThat(item.size()).isEqualTo(11);
        assertThat(item.etag()).isNotBlank().doesNotStartWith("\"").doesNotEndWith("\"");
        assertThat(item.modifiedAt()).isNotNull();
    }

    @Test
    void statOfFolder() throws Exception {
        put("/docs/readme.txt", "hello world");
        StoredItem folder = statOrFail("/docs");
        assertThat(folder.path()).isEqualTo(p("/docs"));
        assertThat(folder.type()).isEqualTo(ItemType.FOLDER);
        assertThat(folder.size()).as("a folder's size is 0").isZero();
        assertThat(folder.etag()).isNotBlank();
    }

    @Test
    void etagIsStableWhileContentIsUnchanged() throws Exception {
        put("/a.txt", "one");
        assertThat(statOrFail("/a.txt").etag()).isEqualTo(statOrFail("/a.txt").etag());
    }

    @Test
    void etagChangesWhenContentChanges() throws Exception {
        String first = put("/a.txt", "one").item().etag();
        String second = put("/a.txt", "two").item().etag(); // same size on purpose
        String third = put("/a.txt", "three").item().etag();
        assertThat(second).isNotEqualTo(first);
        assertThat(third).isNotEqualTo(second).isNotEqualTo(first);
        assertThat(statOrFail("/a.txt").etag()).isEqualTo(third);
    }

    @Test
    void modifiedAtDoesNotGoBackOnRewrite() throws Exception {
        StoredItem first = put("/a.txt", "one").item();
        StoredItem second = put("/a.txt", "two").item();
        assertThat(second.modifiedAt()).isAfterOrEqualTo(first.modifiedAt());
    }

    // ---- list ----------------------------------------------------------------------------

    @Test
    void listShowsDirectChildrenSortedByName() throws Exception {
        put("/dir/b.txt", "b");
        put("/dir/a.txt", "aa");
        put("/dir/C.txt", "c");
        put("/dir/sub/deep.txt", "deep");
        provider.makeFolder(p("/dir/empty"));

        List<StoredItem> children = provider.list(p("/dir"));

        assertThat(names(children)).containsExactly("C.txt", "a.txt", "b.txt", "empty", "sub");
        assertThat(children).isSortedAccordingTo(Comparator.comparing(StoredItem::name));
        assertThat(children).allSatisfy(c -> assertThat(c.path()).isEqualTo(p("/dir").resolve(c.name())));
        StoredItem a = children.get(1);
        assertThat(a.type()).isEqualTo(ItemType.FILE);
        assertThat(a.size()).isEqualTo(2);
        assertThat(a.etag()).isEqualTo(statOrFail("/dir/a.txt").etag());
        assertThat(children.get(3).type()).isEqualTo(ItemType.FOLDER);
        assertThat(children.get(4).type()).isEqualTo(ItemType.FOLDER);
    }

    @Test
    void listOfRoot() throws Exception {
        put("/z.txt", "z");
        provider.makeFolder(p("/m"));
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("m", "z.txt");
    }

    @Test
    void listOfMissingFolderIsNotFound() {
        assertThatThrownBy(() -> provider.list(p("/missing"))).isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void listOfFileIsNotFound() throws Exception {
        put("/f.txt", "x");
        assertThatThrownBy(() -> provider.list(p("/f.txt"))).isInstanceOf(ItemNotFoundException.class);
    }

    // ---- read ----------------------------------------------------------------------------

    @Test
    void readWholeFile() throws Exception {
        put("/r.txt", "0123456789");
        try (ItemContent content = provider.read(p("/r.txt"), Optional.empty())) {
            assertThat(content.range()).isEmpty();
            assertThat(content.length()).isEqualTo(10);
            assertThat(content.item().path()).isEqualTo(p("/r.txt"));
            assertThat(content.item().type()).isEqualTo(ItemType.FILE);
            assertThat(content.item().etag()).isEqualTo(statOrFail("/r.txt").etag());
            assertThat(new String(content.stream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        }
    }

    @Test
    void readRangeDeliversExactlyThoseBytes() throws Exception {
        put("/r.txt", "0123456789");
        try (ItemContent content = provider.read(p("/r.txt"), Optional.of(new ByteRange(2, 5)))) {
            assertThat(content.range()).contains(new ByteRange(2, 5));
            assertThat(content.length()).isEqualTo(4);
            assertThat(content.item().size()).isEqualTo(10);
            assertThat(new String(content.stream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("2345");
        }
    }

    @Test
    void readRangeAtTheEdges() throws Exception {
        put("/r.txt", "0123456789");
        try (ItemContent first = provider.read(p("/r.txt"), Optional.of(new ByteRange(0, 0)))) {
            assertThat(first.stream().readAllBytes()).containsExactly('0');
        }
        try (ItemContent last = provider.read(p("/r.txt"), Optional.of(new ByteRange(9, 9)))) {
            assertThat(last.stream().readAllBytes()).containsExactly('9');
        }
        try (ItemContent all = provider.read(p("/r.txt"), Optional.of(new ByteRange(0, 9)))) {
            assertThat(new String(all.stream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        }
    }

    @Test
    void readOfMissingFileIsNotFound() {
        assertThatThrownBy(() -> provider.read(p("/missing.txt"), Optional.empty()))
                .isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void readOfFolderIsNotFound() throws Exception {
        provider.makeFolder(p("/dir"));
        assertThatThrownBy(() -> provider.read(p("/dir"), Optional.empty()))
                .isInstanceOf(ItemNotFoundException.class);
    }

    // ---- write ---------------------------------------------------------------------------

    @Test
    void writeCreatesFileAndMissingParents() throws Exception {
        WriteResult result = put("/a/b/c.txt", "content");

        assertThat(result.created()).isTrue();
        assertThat(result.item().path()).isEqualTo(p("/a/b/c.txt"));
        assertThat(result.item().type()).isEqualTo(ItemType.FILE);
        assertThat(result.item().size()).isEqualTo(7);
        assertThat(statOrFail("/a").type()).isEqualTo(ItemType.FOLDER);
        assertThat(statOrFail("/a/b").type()).isEqualTo(ItemType.FOLDER);
        assertThat(readText("/a/b/c.txt")).isEqualTo("content");
    }

    @Test
    void writeReplacesAnExistingFile() throws Exception {
        assertThat(put("/f.txt", "first version").created()).isTrue();
        WriteResult second = put("/f.txt", "v2");

        assertThat(second.created()).isFalse();
        assertThat(second.item().size()).isEqualTo(2);
        assertThat(readText("/f.txt")).isEqualTo("v2");
        assertThat(statOrFail("/f.txt").size()).isEqualTo(2);
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("f.txt");
    }

    @Test
    void writeResultDescribesTheStoredFile() throws Exception {
        StoredItem written = put("/w.txt", "abc").item();
        StoredItem stat = statOrFail("/w.txt");
        assertThat(written.path()).isEqualTo(stat.path());
        assertThat(written.type()).isEqualTo(stat.type());
        assertThat(written.size()).isEqualTo(stat.size());
        assertThat(written.etag()).isEqualTo(stat.etag());
    }

    @Test
    void writeOntoAFolderIsAConflict() throws Exception {
        put("/dir/inner.txt", "keep");
        assertThatThrownBy(() -> put("/dir", "x")).isInstanceOf(ItemConflictException.class);
        assertThat(statOrFail("/dir").type()).isEqualTo(ItemType.FOLDER);
        assertThat(readText("/dir/inner.txt")).isEqualTo("keep");
    }

    @Test
    void writeBelowAFileIsAConflict() throws Exception {
        put("/f.txt", "keep");
        assertThatThrownBy(() -> put("/f.txt/child.txt", "x")).isInstanceOf(ItemConflictException.class);
        assertThatThrownBy(() -> put("/f.txt/deeper/child.txt", "x")).isInstanceOf(ItemConflictException.class);
        assertThat(readText("/f.txt")).isEqualTo("keep");
    }

    @Test
    void emptyFile() throws Exception {
        WriteResult result = provider.write(p("/empty.bin"), InputStream.nullInputStream());
        assertThat(result.created()).isTrue();
        assertThat(result.item().size()).isZero();
        StoredItem item = statOrFail("/empty.bin");
        assertThat(item.type()).isEqualTo(ItemType.FILE);
        assertThat(item.size()).isZero();
        assertThat(item.etag()).isNotBlank();
        try (ItemContent content = provider.read(p("/empty.bin"), Optional.empty())) {
            assertThat(content.length()).isZero();
            assertThat(content.stream().readAllBytes()).isEmpty();
        }
    }

    @Test
    void binaryContentIsKeptByteForByte() throws Exception {
        byte[] data = new byte[256 * 3 + 7];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        provider.write(p("/bin.dat"), new ByteArrayInputStream(data));
        try (ItemContent content = provider.read(p("/bin.dat"), Optional.empty())) {
            assertThat(content.stream().readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void unicodeAndSpecialCharacterNames() throws Exception {
        put("/a b ü&c/p+q#r", "special");
        put("/a b ü&c/日本語 ✓.txt", "cjk");
        put("/a b ü&c/100%.txt", "percent");

        assertThat(readText("/a b ü&c/p+q#r")).isEqualTo("special");
        assertThat(readText("/a b ü&c/日本語 ✓.txt")).isEqualTo("cjk");
        assertThat(readText("/a b ü&c/100%.txt")).isEqualTo("percent");
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("a b ü&c");
        assertThat(names(provider.list(p("/a b ü&c")))).containsExactlyInAnyOrder("p+q#r", "日本語 ✓.txt", "100%.txt");
        assertThat(statOrFail("/a b ü&c/p+q#r").name()).isEqualTo("p+q#r");
        assertThat(provider.delete(p("/a b ü&c/p+q#r"))).isTrue();
        assertThat(provider.stat(p("/a b ü&c/p+q#r"))).isEmpty();
    }

    @Test
    void decomposedAndComposedNamesAreTheSameItem() throws Exception {
        put("/u\u0308.txt", "nfd"); // ItemPath turns this into "ü.txt" (NFC)
        assertThat(readText("/\u00fc.txt")).isEqualTo("nfd");
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("\u00fc.txt");
    }

    @Test
    void failedUploadLeavesOldContentUnchanged() throws Exception {
        put("/doc.txt", "the old content");

        assertThatThrownBy(() -> provider.write(p("/doc.txt"), failingAfter(new byte[] {'n', 'e', 'w'})))
                .isInstanceOf(StorageException.class);

        assertThat(readText("/doc.txt")).isEqualTo("the old content");
        assertThat(statOrFail("/doc.txt").size()).isEqualTo(15);
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("doc.txt");
    }

    @Test
    void failedUploadOfNewFileLeavesNothingVisible() throws Exception {
        provider.makeFolder(p("/in"));

        assertThatThrownBy(() -> provider.write(p("/in/new.txt"), failingAfter(new byte[4096])))
                .isInstanceOf(StorageException.class);

        assertThat(provider.stat(p("/in/new.txt"))).isEmpty();
        assertThat(provider.list(p("/in"))).isEmpty();
    }

    // ---- makeFolder ----------------------------------------------------------------------

    @Test
    void makeFolderCreatesOnceThenReportsExisting() throws Exception {
        assertThat(provider.makeFolder(p("/x/y/z"))).isTrue();
        assertThat(statOrFail("/x").type()).isEqualTo(ItemType.FOLDER);
        assertThat(statOrFail("/x/y/z").type()).isEqualTo(ItemType.FOLDER);
        assertThat(provider.makeFolder(p("/x/y/z"))).isFalse();
        assertThat(provider.makeFolder(p("/x/y"))).isFalse();
        assertThat(provider.list(p("/x/y/z"))).isEmpty();
    }

    @Test
    void makeFolderOfRootReportsExisting() throws Exception {
        assertThat(provider.makeFolder(ItemPath.root())).isFalse();
    }

    @Test
    void makeFolderWhereAFileIsIsAConflict() throws Exception {
        put("/f.txt", "keep");
        assertThatThrownBy(() -> provider.makeFolder(p("/f.txt"))).isInstanceOf(ItemConflictException.class);
        assertThatThrownBy(() -> provider.makeFolder(p("/f.txt/sub"))).isInstanceOf(ItemConflictException.class);
        assertThat(readText("/f.txt")).isEqualTo("keep");
    }

    // ---- delete --------------------------------------------------------------------------

    @Test
    void deleteFile() throws Exception {
        put("/d/f.txt", "x");
        put("/d/g.txt", "y");
        assertThat(provider.delete(p("/d/f.txt"))).isTrue();
        assertThat(provider.stat(p("/d/f.txt"))).isEmpty();
        assertThat(names(provider.list(p("/d")))).containsExactly("g.txt");
    }

    @Test
    void deleteFolderRecursively() throws Exception {
        put("/tree/a.txt", "a");
        put("/tree/sub/b.txt", "b");
        provider.makeFolder(p("/tree/sub/empty"));
        put("/other.txt", "stays");

        assertThat(provider.delete(p("/tree"))).isTrue();

        assertThat(provider.stat(p("/tree"))).isEmpty();
        assertThat(provider.stat(p("/tree/sub/b.txt"))).isEmpty();
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("other.txt");
    }

    @Test
    void deleteOfMissingItemReportsFalse() throws Exception {
        assertThat(provider.delete(p("/missing"))).isFalse();
        assertThat(provider.delete(p("/missing/deeper.txt"))).isFalse();
        put("/once.txt", "x");
        assertThat(provider.delete(p("/once.txt"))).isTrue();
        assertThat(provider.delete(p("/once.txt"))).isFalse();
    }

    @Test
    void deleteOfRootIsRejected() throws Exception {
        put("/keep.txt", "x");
        assertThatThrownBy(() -> provider.delete(ItemPath.root())).isInstanceOf(StorageRejectedException.class);
        assertThat(readText("/keep.txt")).isEqualTo("x");
    }

    @Test
    void folderCanBeRecreatedAfterDelete() throws Exception {
        put("/again/f.txt", "old");
        provider.delete(p("/again"));
        assertThat(provider.makeFolder(p("/again"))).isTrue();
        assertThat(provider.list(p("/again"))).isEmpty();
        assertThat(put("/again/f.txt", "new").created()).isTrue();
    }
}
