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
        assertThat(children)
                .allSatisfy(c -> assertThat(c.path()).isEqualTo(p("/dir").resolve(c.name())));
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

    @Test
    void childrenAreWhatListShowsInAnyOrder() throws Exception {
        put("/dir/b.txt", "b");
        put("/dir/a.txt", "aa");
        put("/dir/sub/deep.txt", "deep");
        provider.makeFolder(p("/dir/empty"));

        List<StoredItem> streamed;
        try (java.util.stream.Stream<StoredItem> children = provider.children(p("/dir"))) {
            streamed = children.toList();
        }

        assertThat(streamed).containsExactlyInAnyOrderElementsOf(provider.list(p("/dir")));
    }

    @Test
    void childrenOfAMissingFolderOrAFileAreNotFound() throws Exception {
        put("/f.txt", "x");
        assertThatThrownBy(() -> provider.children(p("/missing"))).isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> provider.children(p("/f.txt"))).isInstanceOf(ItemNotFoundException.class);
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
            assertThat(new String(content.stream().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("0123456789");
        }
    }

    @Test
    void readRangeDeliversExactlyThoseBytes() throws Exception {
        put("/r.txt", "0123456789");
        try (ItemContent content = provider.read(p("/r.txt"), Optional.of(new ByteRange(2, 5)))) {
            assertThat(content.range()).contains(new ByteRange(2, 5));
            assertThat(content.length()).isEqualTo(4);
            assertThat(content.item().size()).isEqualTo(10);
            assertThat(new String(content.stream().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("2345");
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
            assertThat(new String(all.stream().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("0123456789");
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
        assertThatThrownBy(() -> provider.read(p("/dir"), Optional.empty())).isInstanceOf(ItemNotFoundException.class);
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

    // ---- move ----------------------------------------------------------------------------

    @Test
    void moveRenamesAFileInPlace() throws Exception {
        StoredItem before = put("/d/old.txt", "content").item();
        put("/d/other.txt", "stays");
        assertThat(provider.stat(p("/d/new.txt"))).isEmpty(); // a provider keeping stats must forget this

        TransferResult result = provider.move(p("/d/old.txt"), p("/d/new.txt"), false);

        assertThat(result.created()).isTrue();
        assertThat(result.item().path()).isEqualTo(p("/d/new.txt"));
        assertThat(result.item().type()).isEqualTo(ItemType.FILE);
        assertThat(result.item().size()).isEqualTo(before.size());
        assertThat(provider.stat(p("/d/old.txt"))).isEmpty();
        assertThat(readText("/d/new.txt")).isEqualTo("content");
        assertThat(names(provider.list(p("/d")))).containsExactly("new.txt", "other.txt");
        StoredItem stat = statOrFail("/d/new.txt");
        assertThat(result.item().size()).isEqualTo(stat.size());
        assertThat(result.item().etag()).isEqualTo(stat.etag());
    }

    @Test
    void moveAFileIntoAnotherFolderKeepsItsBytes() throws Exception {
        byte[] data = new byte[70_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        provider.write(p("/in/bin.dat"), new ByteArrayInputStream(data));
        provider.makeFolder(p("/out"));

        assertThat(provider.move(p("/in/bin.dat"), p("/out/bin.dat"), false).created())
                .isTrue();

        assertThat(provider.list(p("/in"))).isEmpty();
        assertThat(statOrFail("/out/bin.dat").size()).isEqualTo(data.length);
        try (ItemContent content = provider.read(p("/out/bin.dat"), Optional.empty())) {
            assertThat(content.stream().readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void moveAFolderWithEverythingInIt() throws Exception {
        put("/tree/a.txt", "a");
        put("/tree/sub/b.txt", "bb");
        provider.makeFolder(p("/tree/sub/empty"));
        provider.makeFolder(p("/dest"));
        assertThat(statOrFail("/tree/sub/b.txt").size()).isEqualTo(2); // kept stats must end for both trees
        assertThat(provider.stat(p("/dest/moved/sub/b.txt"))).isEmpty();

        TransferResult result = provider.move(p("/tree"), p("/dest/moved"), false);

        assertThat(result.created()).isTrue();
        assertThat(result.item().path()).isEqualTo(p("/dest/moved"));
        assertThat(result.item().type()).isEqualTo(ItemType.FOLDER);
        assertThat(result.item().size()).isZero();
        assertThat(provider.stat(p("/tree"))).isEmpty();
        assertThat(provider.stat(p("/tree/sub/b.txt"))).isEmpty();
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("dest");
        assertThat(names(provider.list(p("/dest/moved")))).containsExactly("a.txt", "sub");
        assertThat(names(provider.list(p("/dest/moved/sub")))).containsExactly("b.txt", "empty");
        assertThat(readText("/dest/moved/a.txt")).isEqualTo("a");
        assertThat(readText("/dest/moved/sub/b.txt")).isEqualTo("bb");
        assertThat(statOrFail("/dest/moved/sub/b.txt").size()).isEqualTo(2);
        assertThat(statOrFail("/dest/moved/sub/empty").type()).isEqualTo(ItemType.FOLDER);
    }

    @Test
    void moveOverAFileWithOverwriteReplacesIt() throws Exception {
        put("/src.txt", "the new one");
        String replaced = put("/dst.txt", "old").item().etag();

        TransferResult result = provider.move(p("/src.txt"), p("/dst.txt"), true);

        assertThat(result.created()).isFalse();
        assertThat(result.item().size()).isEqualTo(11);
        assertThat(result.item().etag()).isNotEqualTo(replaced);
        assertThat(readText("/dst.txt")).isEqualTo("the new one");
        assertThat(statOrFail("/dst.txt").etag()).isNotEqualTo(replaced);
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("dst.txt");
    }

    @Test
    void moveOverAnItemWithoutOverwriteIsRefusedAndChangesNothing() throws Exception {
        put("/src.txt", "source");
        put("/dst.txt", "destination");
        put("/srcdir/f.txt", "f");
        put("/dstdir/g.txt", "g");

        assertThatThrownBy(() -> provider.move(p("/src.txt"), p("/dst.txt"), false))
                .isInstanceOf(DestinationExistsException.class);
        assertThatThrownBy(() -> provider.move(p("/srcdir"), p("/dstdir"), false))
                .isInstanceOf(DestinationExistsException.class);
        assertThatThrownBy(() -> provider.move(p("/src.txt"), p("/dstdir"), false))
                .isInstanceOf(DestinationExistsException.class);

        assertThat(readText("/src.txt")).isEqualTo("source");
        assertThat(readText("/dst.txt")).isEqualTo("destination");
        assertThat(names(provider.list(p("/srcdir")))).containsExactly("f.txt");
        assertThat(names(provider.list(p("/dstdir")))).containsExactly("g.txt");
    }

    @Test
    void moveAFolderOverAFolderReplacesItWholeWithoutMerging() throws Exception {
        put("/src/new.txt", "new");
        put("/src/both.txt", "from the source");
        put("/dst/old.txt", "old");
        put("/dst/both.txt", "from the destination");
        put("/dst/deep/x.txt", "x");
        assertThat(statOrFail("/dst/deep/x.txt").size()).isEqualTo(1);

        TransferResult result = provider.move(p("/src"), p("/dst"), true);

        assertThat(result.created()).isFalse();
        assertThat(result.item().type()).isEqualTo(ItemType.FOLDER);
        assertThat(provider.stat(p("/src"))).isEmpty();
        assertThat(names(provider.list(p("/dst")))).containsExactly("both.txt", "new.txt");
        assertThat(readText("/dst/both.txt")).isEqualTo("from the source");
        assertThat(provider.stat(p("/dst/deep/x.txt"))).isEmpty();
    }

    @Test
    void moveReplacesAnItemOfTheOtherKindWithOverwrite() throws Exception {
        put("/file.txt", "a file");
        put("/folder/inner.txt", "inner");
        put("/target-file.txt", "old file");
        put("/target-folder/old.txt", "old");

        assertThat(provider.move(p("/folder"), p("/target-file.txt"), true).created())
                .isFalse();
        assertThat(provider.move(p("/file.txt"), p("/target-folder"), true).created())
                .isFalse();

        assertThat(statOrFail("/target-file.txt").type()).isEqualTo(ItemType.FOLDER);
        assertThat(readText("/target-file.txt/inner.txt")).isEqualTo("inner");
        assertThat(statOrFail("/target-folder").type()).isEqualTo(ItemType.FILE);
        assertThat(readText("/target-folder")).isEqualTo("a file");
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("target-file.txt", "target-folder");
    }

    @Test
    void moveOfAMissingSourceIsNotFound() throws Exception {
        put("/dst.txt", "stays");
        provider.makeFolder(p("/dir"));

        assertThatThrownBy(() -> provider.move(p("/missing.txt"), p("/new.txt"), false))
                .isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> provider.move(p("/missing.txt"), p("/dst.txt"), true))
                .isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> provider.move(p("/missing.txt"), p("/dst.txt"), false))
                .isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> provider.move(p("/dst.txt/below"), p("/dir/x"), false))
                .isInstanceOf(ItemNotFoundException.class);

        assertThat(readText("/dst.txt")).isEqualTo("stays");
        assertThat(provider.stat(p("/new.txt"))).isEmpty();
    }

    @Test
    void moveIntoAMissingFolderIsAConflictAndMakesNoParents() throws Exception {
        put("/src.txt", "x");

        assertThatThrownBy(() -> provider.move(p("/src.txt"), p("/no/such/dst.txt"), false))
                .isInstanceOf(ItemConflictException.class);
        assertThatThrownBy(() -> provider.move(p("/src.txt"), p("/no/dst.txt"), true))
                .isInstanceOf(ItemConflictException.class);

        assertThat(readText("/src.txt")).isEqualTo("x");
        assertThat(provider.stat(p("/no"))).isEmpty();
    }

    @Test
    void moveBelowAFileIsAConflict() throws Exception {
        put("/src.txt", "x");
        put("/file.txt", "a file");

        assertThatThrownBy(() -> provider.move(p("/src.txt"), p("/file.txt/dst.txt"), true))
                .isInstanceOf(ItemConflictException.class);

        assertThat(readText("/src.txt")).isEqualTo("x");
        assertThat(readText("/file.txt")).isEqualTo("a file");
    }

    @Test
    void moveOfAFolderIntoItselfIsRejected() throws Exception {
        put("/a/b/f.txt", "f");

        for (String to : List.of("/a", "/a/b", "/a/b/c", "/a/new")) {
            for (boolean overwrite : List.of(false, true)) {
                assertThatThrownBy(() -> provider.move(p("/a"), p(to), overwrite))
                        .as(to)
                        .isInstanceOf(StorageRejectedException.class);
            }
        }
        assertThatThrownBy(() -> provider.move(p("/a/b/f.txt"), p("/a/b/f.txt"), true))
                .isInstanceOf(StorageRejectedException.class);
        assertThat(readText("/a/b/f.txt")).isEqualTo("f");
        assertThat(provider.stat(p("/a/new"))).isEmpty();
    }

    @Test
    void moveOntoAFolderThatHoldsTheSource() throws Exception {
        put("/a/b/f.txt", "f");

        assertThatThrownBy(() -> provider.move(p("/a/b"), p("/a"), true)).isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> provider.move(p("/a/b"), p("/a"), false))
                .isInstanceOf(DestinationExistsException.class);

        assertThat(readText("/a/b/f.txt")).isEqualTo("f");
    }

    @Test
    void theRootIsNeverMovedNorReplaced() throws Exception {
        put("/f.txt", "f");
        provider.makeFolder(p("/dir"));

        assertThatThrownBy(() -> provider.move(ItemPath.root(), p("/dir/root"), false))
                .isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> provider.move(p("/dir"), ItemPath.root(), true))
                .isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> provider.copy(ItemPath.root(), p("/dir/root"), false))
                .isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> provider.copy(p("/f.txt"), ItemPath.root(), true))
                .isInstanceOf(StorageRejectedException.class);

        assertThat(names(provider.list(ItemPath.root()))).containsExactly("dir", "f.txt");
        assertThat(provider.list(p("/dir"))).isEmpty();
    }

    @Test
    void moveAndCopyWithSpecialCharacterNames() throws Exception {
        put("/a b ü&c/p+q#r", "special");
        provider.makeFolder(p("/日本語 ✓"));

        provider.move(p("/a b ü&c/p+q#r"), p("/日本語 ✓/100%.txt"), false);
        provider.copy(p("/日本語 ✓"), p("/a b ü&c/copy #1"), false);

        assertThat(provider.list(p("/a b ü&c"))).extracting(StoredItem::name).containsExactly("copy #1");
        assertThat(readText("/日本語 ✓/100%.txt")).isEqualTo("special");
        assertThat(readText("/a b ü&c/copy #1/100%.txt")).isEqualTo("special");
    }

    // ---- copy ----------------------------------------------------------------------------

    @Test
    void copyAFileKeepsTheSource() throws Exception {
        StoredItem source = put("/d/a.txt", "content").item();
        assertThat(provider.stat(p("/d/b.txt"))).isEmpty();

        TransferResult result = provider.copy(p("/d/a.txt"), p("/d/b.txt"), false);

        assertThat(result.created()).isTrue();
        assertThat(result.item().path()).isEqualTo(p("/d/b.txt"));
        assertThat(result.item().type()).isEqualTo(ItemType.FILE);
        assertThat(result.item().size()).isEqualTo(7);
        assertThat(result.item().etag()).isEqualTo(statOrFail("/d/b.txt").etag());
        assertThat(readText("/d/b.txt")).isEqualTo("content");
        assertThat(readText("/d/a.txt")).isEqualTo("content");
        assertThat(statOrFail("/d/a.txt").etag()).isEqualTo(source.etag());
        assertThat(names(provider.list(p("/d")))).containsExactly("a.txt", "b.txt");
    }

    @Test
    void aCopyIsIndependentOfItsSource() throws Exception {
        put("/a.txt", "original");
        provider.copy(p("/a.txt"), p("/b.txt"), false);

        put("/b.txt", "changed copy");
        put("/dir/x.txt", "x");
        provider.copy(p("/dir"), p("/dir2"), false);
        provider.delete(p("/dir2/x.txt"));

        assertThat(readText("/a.txt")).isEqualTo("original");
        assertThat(readText("/dir/x.txt")).isEqualTo("x");
    }

    @Test
    void copyAFolderWithEverythingInIt() throws Exception {
        byte[] data = new byte[256 * 5 + 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        put("/tree/a.txt", "a");
        provider.write(p("/tree/sub/bin.dat"), new ByteArrayInputStream(data));
        provider.makeFolder(p("/tree/sub/empty"));
        assertThat(provider.stat(p("/copy/sub/bin.dat"))).isEmpty();
        String sourceEtag = statOrFail("/tree/sub/bin.dat").etag();

        TransferResult result = provider.copy(p("/tree"), p("/copy"), false);

        assertThat(result.created()).isTrue();
        assertThat(result.item().path()).isEqualTo(p("/copy"));
        assertThat(result.item().type()).isEqualTo(ItemType.FOLDER);
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("copy", "tree");
        for (String top : List.of("/tree", "/copy")) {
            assertThat(names(provider.list(p(top)))).containsExactly("a.txt", "sub");
            assertThat(names(provider.list(p(top + "/sub")))).containsExactly("bin.dat", "empty");
            assertThat(readText(top + "/a.txt")).isEqualTo("a");
            assertThat(statOrFail(top + "/sub/bin.dat").size()).isEqualTo(data.length);
            try (ItemContent content = provider.read(p(top + "/sub/bin.dat"), Optional.empty())) {
                assertThat(content.stream().readAllBytes()).isEqualTo(data);
            }
        }
        assertThat(statOrFail("/tree/sub/bin.dat").etag()).isEqualTo(sourceEtag);
    }

    @Test
    void copyOverAFileWithOverwriteReplacesIt() throws Exception {
        put("/src.txt", "new content");
        String replaced = put("/dst.txt", "old").item().etag();

        TransferResult result = provider.copy(p("/src.txt"), p("/dst.txt"), true);

        assertThat(result.created()).isFalse();
        assertThat(result.item().size()).isEqualTo(11);
        assertThat(result.item().etag()).isNotEqualTo(replaced);
        assertThat(statOrFail("/dst.txt").etag()).isEqualTo(result.item().etag());
        assertThat(readText("/dst.txt")).isEqualTo("new content");
        assertThat(readText("/src.txt")).isEqualTo("new content");
    }

    @Test
    void copyOverAnItemWithoutOverwriteIsRefusedAndChangesNothing() throws Exception {
        put("/src.txt", "source");
        put("/dst.txt", "destination");
        put("/srcdir/f.txt", "f");
        put("/dstdir/g.txt", "g");

        assertThatThrownBy(() -> provider.copy(p("/src.txt"), p("/dst.txt"), false))
                .isInstanceOf(DestinationExistsException.class);
        assertThatThrownBy(() -> provider.copy(p("/srcdir"), p("/dstdir"), false))
                .isInstanceOf(DestinationExistsException.class);
        assertThatThrownBy(() -> provider.copy(p("/srcdir"), p("/dst.txt"), false))
                .isInstanceOf(DestinationExistsException.class);

        assertThat(readText("/dst.txt")).isEqualTo("destination");
        assertThat(names(provider.list(p("/dstdir")))).containsExactly("g.txt");
        assertThat(names(provider.list(ItemPath.root()))).containsExactly("dst.txt", "dstdir", "src.txt", "srcdir");
    }

    @Test
    void copyAFolderOverAFolderReplacesItWholeWithoutMerging() throws Exception {
        put("/src/new.txt", "new");
        put("/dst/old.txt", "old");
        put("/dst/deep/x.txt", "x");
        assertThat(statOrFail("/dst/old.txt").size()).isEqualTo(3);

        TransferResult result = provider.copy(p("/src"), p("/dst"), true);

        assertThat(result.created()).isFalse();
        assertThat(names(provider.list(p("/dst")))).containsExactly("new.txt");
        assertThat(provider.stat(p("/dst/old.txt"))).isEmpty();
        assertThat(names(provider.list(p("/src")))).containsExactly("new.txt");
        assertThat(provider.copy(p("/dst/new.txt"), p("/src"), true).created()).isFalse();
        assertThat(readText("/src")).isEqualTo("new");
    }

    @Test
    void copyFailuresAreTheMovesOnes() throws Exception {
        put("/a/b/f.txt", "f");
        put("/file.txt", "x");

        assertThatThrownBy(() -> provider.copy(p("/missing"), p("/new"), false))
                .isInstanceOf(ItemNotFoundException.class);
        assertThatThrownBy(() -> provider.copy(p("/file.txt"), p("/no/new.txt"), false))
                .isInstanceOf(ItemConflictException.class);
        assertThatThrownBy(() -> provider.copy(p("/a"), p("/file.txt/new"), true))
                .isInstanceOf(ItemConflictException.class);
        assertThatThrownBy(() -> provider.copy(p("/a"), p("/a/b/copy"), false))
                .isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> provider.copy(p("/a"), p("/a"), true)).isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> provider.copy(p("/a/b"), p("/a"), true)).isInstanceOf(StorageRejectedException.class);

        assertThat(names(provider.list(ItemPath.root()))).containsExactly("a", "file.txt");
        assertThat(names(provider.list(p("/a/b")))).containsExactly("f.txt");
    }
}
