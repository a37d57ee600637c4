package dev.sharebridge.adapter.nextcloud;

import static dev.sharebridge.adapter.nextcloud.TestSupport.assertAuthorized;
import static dev.sharebridge.adapter.nextcloud.TestSupport.fileAnswer;
import static dev.sharebridge.adapter.nextcloud.TestSupport.folderAnswer;
import static dev.sharebridge.adapter.nextcloud.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageFullException;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.storage.WriteResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WebDAV operations replayed against NextCloud's recorded answers; every request is checked. */
class NextcloudWebDavTest {
    private static final String DAV = "/remote.php/dav/files/admin";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private NextcloudStorageProvider provider;

    private NextcloudStorageProvider provider(String directory) {
        provider = new NextcloudStorageProvider(settings(server, directory));
        return provider;
    }

    @AfterEach
    void close() {
        if (provider != null) {
            provider.close();
        }
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest();
        assertAuthorized(request);
        return request;
    }

    // ---- stat / list ---------------------------------------------------------------------

    @Test
    void statOfTheHomeSendsTheRecordedPropfindAndReadsTheRecordedAnswer() throws Exception {
        server.enqueue(Recorded.dav(207, "dav/propfind-home-depth0.xml"));

        StoredItem root = provider("").stat(ItemPath.root()).orElseThrow();

        assertThat(root.type()).isEqualTo(ItemType.FOLDER);
        assertThat(root.path().isRoot()).isTrue();
        assertThat(root.size()).isZero();
        assertThat(root.etag()).isEqualTo("6b02a2d4df684");
        assertThat(root.modifiedAt()).isEqualTo(Instant.parse("2026-11-22T08:07:48Z"));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("PROPFIND");
        assertThat(request.getUrl().encodedPath()).isEqualTo(DAV);
        assertThat(request.getHeaders().get("Depth")).isEqualTo("0");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/xml; charset=utf-8");
        assertThat(request.getBody().utf8())
                .isEqualTo(
                        "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\" xmlns:oc=\"http://owncloud.org/ns\""
                                + " xmlns:nc=\"http://nextcloud.org/ns\"><d:prop><d:resourcetype/><d:getetag/><d:getlastmodified/>"
                                + "<d:getcontentlength/><oc:fileid/><oc:permissions/><oc:size/><oc:share-types/></d:prop></d:propfind>");
    }

    @Test
    void listDecodesLowerCaseHexHrefsSkipsTheFolderItselfAndSortsByName() throws Exception {
        server.enqueue(Recorded.dav(207, "dav/propfind-t1-depth1.xml"));

        List<StoredItem> children = provider("").list(ItemPath.of("t1"));

        assertThat(children)
                .extracting(StoredItem::name)
                .containsExactly("a b ü&c", "file.txt", "legacy", "p+q#r", "slash", "sub");
        StoredItem file = children.get(1);
        assertThat(file.type()).isEqualTo(ItemType.FILE);
        assertThat(file.size()).isEqualTo(5);
        assertThat(file.etag()).isEqualTo("f7fa4d11641402c8c2d1a8288515e6e7");
        assertThat(file.path()).isEqualTo(ItemPath.of("t1", "file.txt"));
        assertThat(children.get(0).path()).isEqualTo(ItemPath.of("t1", "a b ü&c"));
        assertThat(children.get(0).type()).isEqualTo(ItemType.FOLDER);
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("PROPFIND");
        assertThat(request.getUrl().encodedPath()).isEqualTo(DAV + "/t1");
        assertThat(request.getHeaders().get("Depth")).isEqualTo("1");
    }

    @Test
    void listReadsTheRecordedAllpropFormatToo() throws Exception {
        server.enqueue(Recorded.dav(207, "dav/propfind-t1-depth1-allprop.xml"));

        List<StoredItem> children = provider("t1").list(ItemPath.root());

        assertThat(children)
                .extracting(StoredItem::name)
                .containsExactly("a b ü&c", "file.txt", "legacy", "p+q#r", "slash", "sub");
        assertThat(children.get(1).size()).isEqualTo(5);
    }

    @Test
    void statOfAMissingItemIsEmptyOnTheRecorded404() throws Exception {
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));

        assertThat(provider("").stat(ItemPath.of("t1", "nope"))).isEmpty();
        assertThat(take().getUrl().encodedPath()).isEqualTo(DAV + "/t1/nope");
    }

    @Test
    void listOfAMissingFolderIsNotFound() {
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));

        assertThatThrownBy(() -> provider("").list(ItemPath.of("t1", "nope")))
                .isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void listOfAFileIsNotFound() {
        server.enqueue(fileAnswer(DAV + "/t1/file.txt", 5));

        assertThatThrownBy(() -> provider("").list(ItemPath.of("t1", "file.txt")))
                .isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void aDirectoryNotMadeYetIsAnEmptyRoot() throws Exception {
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));
        NextcloudStorageProvider p = provider("opentalk/meetings");

        assertThat(p.stat(ItemPath.root()))
                .hasValueSatisfying(root -> assertThat(root.isFolder()).isTrue());
        assertThat(p.list(ItemPath.root())).isEmpty();
        assertThat(take().getUrl().encodedPath()).isEqualTo(DAV + "/opentalk/meetings");
    }

    // ---- URLs ----------------------------------------------------------------------------

    @Test
    void eachSegmentIsPercentEncodedOnItsOwn() throws Exception {
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));
        NextcloudStorageProvider p = provider("");

        p.stat(ItemPath.of("a b ü&c"));
        p.stat(ItemPath.of("x", "p+q#r"));

        // The same encodings the recordings used for MKCOL (upper-case hex).
        assertThat(take().getUrl().encodedPath()).isEqualTo(DAV + "/a%20b%20%C3%BC%26c");
        assertThat(take().getUrl().encodedPath()).isEqualTo(DAV + "/x/p%2Bq%23r");
    }

    @Test
    void baseUrlWithAndWithoutTrailingSlashAndWithASubPath() throws Exception {
        for (String base : List.of("/", "/nextcloud/", "/nextcloud")) {
            String prefix = base.equals("/") ? "" : "/nextcloud";
            String href = prefix + DAV + "/opentalk/meetings/";
            server.enqueue(TestSupport.multistatus(Recorded.fixture("dav/propfind-home-depth0.xml")
                    .replaceAll("(?s).*?(<d:response>.*</d:response>).*", "$1")
                    .replace("<d:href>" + DAV + "/</d:href>", "<d:href>" + href + "</d:href>")));
            try (NextcloudStorageProvider p =
                    new NextcloudStorageProvider(TestSupport.settings(server, base, "opentalk/meetings"))) {
                assertThat(p.stat(ItemPath.root()))
                        .hasValueSatisfying(root -> assertThat(root.etag()).isEqualTo("6b02a2d4df684"));
            }
            assertThat(take().getUrl().encodedPath()).isEqualTo(prefix + DAV + "/opentalk/meetings");
        }
    }

    @Test
    void aBaseUrlWithoutTrailingSlashIsTheSameAsWithOne() {
        assertThat(TestSupport.settings(server, "/nextcloud", "").baseUrl())
                .isEqualTo(TestSupport.settings(server, "/nextcloud/", "").baseUrl())
                .endsWith("/nextcloud/");
    }

    // ---- makeFolder ----------------------------------------------------------------------

    @Test
    void makeFolderTriesTheTargetFirstSoAnExistingDirectoryCostsNoRoundTrip() throws Exception {
        server.enqueue(Recorded.empty(201));

        assertThat(provider("opentalk/meetings").makeFolder(ItemPath.of("sharebridge-room-1")))
                .isTrue();

        RecordedRequest r = take();
        assertThat(r.getMethod()).isEqualTo("MKCOL");
        assertThat(r.getUrl().encodedPath()).isEqualTo(DAV + "/opentalk/meetings/sharebridge-room-1");
        assertThat(r.getBodySize()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void makeFolderMakesMissingParentsLevelByLevelAfterA409() throws Exception {
        server.enqueue(Recorded.dav(409, "dav/mkcol-409-parent-missing.xml"));
        server.enqueue(Recorded.dav(405, "dav/mkcol-405-exists.xml"));
        server.enqueue(Recorded.empty(201));
        server.enqueue(Recorded.empty(201));

        assertThat(provider("opentalk/meetings").makeFolder(ItemPath.of("sharebridge-room-1")))
                .isTrue();

        for (String path : List.of(
                "/opentalk/meetings/sharebridge-room-1",
                "/opentalk",
                "/opentalk/meetings",
                "/opentalk/meetings/sharebridge-room-1")) {
            RecordedRequest r = take();
            assertThat(r.getMethod()).isEqualTo("MKCOL");
            assertThat(r.getUrl().encodedPath()).isEqualTo(DAV + path);
            assertThat(r.getBodySize()).isZero();
        }
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void makeFolderOfAnExistingFolderVerifiesItIsAFolder() throws Exception {
        server.enqueue(Recorded.dav(405, "dav/mkcol-405-exists.xml"));
        server.enqueue(folderAnswer(DAV + "/t1/"));

        assertThat(provider("").makeFolder(ItemPath.of("t1"))).isFalse();

        assertThat(take().getMethod()).isEqualTo("MKCOL");
        RecordedRequest check = take();
        assertThat(check.getMethod()).isEqualTo("PROPFIND");
        assertThat(check.getHeaders().get("Depth")).isEqualTo("0");
    }

    @Test
    void makeFolderWhereAFileIsIsAConflict() {
        server.enqueue(Recorded.dav(405, "dav/mkcol-405-exists.xml"));
        server.enqueue(fileAnswer(DAV + "/t1/file.txt", 5));

        assertThatThrownBy(() -> provider("").makeFolder(ItemPath.of("t1", "file.txt")))
                .isInstanceOf(ItemConflictException.class);
    }

    @Test
    void makeFolderBelowAFileIsAConflict() {
        server.enqueue(Recorded.dav(409, "dav/mkcol-409-not-collection.xml"));
        server.enqueue(Recorded.dav(405, "dav/mkcol-405-exists.xml"));
        server.enqueue(Recorded.dav(409, "dav/mkcol-409-not-collection.xml"));

        assertThatThrownBy(() -> provider("").makeFolder(ItemPath.of("file.txt", "x")))
                .isInstanceOf(ItemConflictException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void makeFolderWhenTheParentVanishedIsAConflict() {
        server.enqueue(Recorded.dav(409, "dav/mkcol-409-parent-missing.xml"));
        server.enqueue(Recorded.empty(201));
        server.enqueue(Recorded.dav(409, "dav/mkcol-409-parent-missing.xml"));

        assertThatThrownBy(() -> provider("").makeFolder(ItemPath.of("t1", "child")))
                .isInstanceOf(ItemConflictException.class);
    }

    @Test
    void aReservedNameIsRejected() {
        server.enqueue(Recorded.dav(400, "dav/mkcol-400-invalid-path.xml"));

        assertThatThrownBy(() -> provider("").makeFolder(ItemPath.of("t1", ".htaccess")))
                .isInstanceOf(StorageRejectedException.class)
                .hasMessageContaining(".htaccess")
                .hasMessageNotContaining("reserved word");
    }

    @Test
    void aNameNextCloudSilentlyRefusesIsRejected() {
        // Recorded quirk: MKCOL x.part answers 405 "already exists" without making anything.
        server.enqueue(Recorded.dav(405, "dav/mkcol-405-exists.xml"));
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));

        assertThatThrownBy(() -> provider("").makeFolder(ItemPath.of("x.part")))
                .isInstanceOf(StorageRejectedException.class);
    }

    @Test
    void makeFolderOfTheHomeNeedsNoRequest() throws Exception {
        assertThat(provider("").makeFolder(ItemPath.root())).isFalse();
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void makeFolderOfTheRootMakesTheConfiguredDirectory() throws Exception {
        server.enqueue(Recorded.empty(201));

        assertThat(provider("meetings").makeFolder(ItemPath.root())).isTrue();
        assertThat(take().getUrl().encodedPath()).isEqualTo(DAV + "/meetings");
    }

    // ---- delete --------------------------------------------------------------------------

    @Test
    void deleteIsOneRecursiveDelete() throws Exception {
        server.enqueue(Recorded.empty(204));
        server.enqueue(Recorded.dav(404, "dav/delete-404.xml"));
        NextcloudStorageProvider p = provider("");

        assertThat(p.delete(ItemPath.of("t1"))).isTrue();
        assertThat(p.delete(ItemPath.of("t1"))).isFalse();

        RecordedRequest first = take();
        assertThat(first.getMethod()).isEqualTo("DELETE");
        assertThat(first.getUrl().encodedPath()).isEqualTo(DAV + "/t1");
        assertThat(first.getHeaders().get("Depth")).isNull();
    }

    @Test
    void deletingTheRootIsRejectedWithoutARequest() {
        assertThatThrownBy(() -> provider("").delete(ItemPath.root())).isInstanceOf(StorageRejectedException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- write ---------------------------------------------------------------------------

    @Test
    void writeMakesParentsThenStreamsAPutThenReadsTheStoredFile() throws Exception {
        server.enqueue(Recorded.dav(405, "dav/mkcol-405-exists.xml"));
        server.enqueue(new MockResponse.Builder()
                .code(201)
                .setHeader("OC-FileId", "00000015oc2nfz6lg69s")
                .setHeader("ETag", "\"f7fa4d11641402c8c2d1a8288515e6e7\"")
                .setHeader("OC-ETag", "\"f7fa4d11641402c8c2d1a8288515e6e7\"")
                .setHeader("Content-Type", "text/html; charset=UTF-8")
                .setHeader("Content-Length", "0")
                .build());
        server.enqueue(fileAnswer(DAV + "/t1/file.txt", 5));

        WriteResult result = provider("")
                .write(
                        ItemPath.of("t1", "file.txt"),
                        new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));

        assertThat(result.created()).isTrue();
        assertThat(result.item().size()).isEqualTo(5);
        assertThat(result.item().etag()).isEqualTo("f7fa4d11641402c8c2d1a8288515e6e7");
        RecordedRequest mkcol = take();
        assertThat(mkcol.getMethod()).isEqualTo("MKCOL");
        assertThat(mkcol.getUrl().encodedPath()).isEqualTo(DAV + "/t1");
        RecordedRequest put = take();
        assertThat(put.getMethod()).isEqualTo("PUT");
        assertThat(put.getUrl().encodedPath()).isEqualTo(DAV + "/t1/file.txt");
        assertThat(put.getBody().utf8()).isEqualTo("hello");
        assertThat(put.getHeaders().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(put.getHeaders().get("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(take().getMethod()).isEqualTo("PROPFIND");
    }

    @Test
    void writeOverAnExistingFileIsNotCreated() throws Exception {
        server.enqueue(Recorded.empty(204));
        server.enqueue(fileAnswer(DAV + "/f.txt", 2));

        WriteResult result = provider("").write(ItemPath.of("f.txt"), new ByteArrayInputStream(new byte[] {'v', '2'}));

        assertThat(result.created()).isFalse();
        assertThat(take().getMethod()).isEqualTo("PUT"); // the home needs no MKCOL
    }

    @Test
    void writeOntoAFolderIsAConflict() {
        server.enqueue(Recorded.dav(409, "dav/mkcol-409-not-collection.xml"));

        assertThatThrownBy(() -> provider("").write(ItemPath.of("t1"), new ByteArrayInputStream(new byte[1])))
                .isInstanceOf(ItemConflictException.class);
    }

    // ---- a full account -------------------------------------------------------------------
    // NextCloud's QuotaPlugin answers 507 InsufficientStorage (not in the transcripts, which were
    // made with an unlimited quota; the body is the form NextCloud's Sabre server writes)

    @Test
    void aPutOverTheQuotaIsStorageFull() {
        server.enqueue(Recorded.dav(507, "dav/put-507-insufficient-storage.xml"));

        assertThatThrownBy(() -> provider("").write(ItemPath.of("big.bin"), new ByteArrayInputStream(new byte[64])))
                .isInstanceOf(StorageFullException.class)
                .hasMessageContaining("big.bin")
                .hasMessageNotContaining("available");
    }

    @Test
    void a507WithoutABodyIsStorageFullToo() {
        server.enqueue(Recorded.empty(507));

        assertThatThrownBy(() -> provider("").write(ItemPath.of("big.bin"), new ByteArrayInputStream(new byte[64])))
                .isInstanceOf(StorageFullException.class);
    }

    @Test
    void aRefusalThatSaysTheQuotaIsExceededIsStorageFull() {
        server.enqueue(Recorded.dav(403, "dav/put-403-quota-exceeded.xml"));

        assertThatThrownBy(() -> provider("").write(ItemPath.of("big.bin"), new ByteArrayInputStream(new byte[64])))
                .isInstanceOf(StorageFullException.class);
    }

    @Test
    void aFolderOverTheQuotaIsStorageFull() {
        server.enqueue(Recorded.dav(507, "dav/put-507-insufficient-storage.xml"));

        assertThatThrownBy(() -> provider("").makeFolder(ItemPath.of("t1")))
                .isInstanceOf(StorageFullException.class)
                .hasMessageContaining("t1");
    }

    @Test
    void aFileOverTheUploadSizeLimitIsRejectedNotFull() {
        server.enqueue(Recorded.empty(413));

        assertThatThrownBy(() -> provider("").write(ItemPath.of("big.bin"), new ByteArrayInputStream(new byte[64])))
                .isInstanceOf(StorageRejectedException.class)
                .hasMessageContaining("size limit");
    }

    // ---- read ----------------------------------------------------------------------------

    @Test
    void readStatsThenStreamsTheWholeFile() throws Exception {
        server.enqueue(fileAnswer(DAV + "/r.txt", 10));
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/plain")
                .body("0123456789")
                .build());

        try (ItemContent content = provider("").read(ItemPath.of("r.txt"), Optional.empty())) {
            assertThat(content.length()).isEqualTo(10);
            assertThat(content.stream().readAllBytes())
                    .asString(StandardCharsets.US_ASCII)
                    .isEqualTo("0123456789");
        }
        assertThat(take().getMethod()).isEqualTo("PROPFIND");
        RecordedRequest get = take();
        assertThat(get.getMethod()).isEqualTo("GET");
        assertThat(get.getUrl().encodedPath()).isEqualTo(DAV + "/r.txt");
        assertThat(get.getHeaders().get("Range")).isNull();
        assertThat(get.getHeaders().get("Accept-Encoding")).isEqualTo("identity");
    }

    @Test
    void readARangeExpects206() throws Exception {
        server.enqueue(fileAnswer(DAV + "/r.txt", 10));
        server.enqueue(new MockResponse.Builder()
                .code(206)
                .setHeader("Content-Range", "bytes 2-5/10")
                .body("2345")
                .build());

        try (ItemContent content = provider("").read(ItemPath.of("r.txt"), Optional.of(new ByteRange(2, 5)))) {
            assertThat(content.length()).isEqualTo(4);
            assertThat(content.stream().readAllBytes())
                    .asString(StandardCharsets.US_ASCII)
                    .isEqualTo("2345");
        }
        take();
        assertThat(take().getHeaders().get("Range")).isEqualTo("bytes=2-5");
    }

    @Test
    void aWholeFileAnswerToARangeIsCutToTheRange() throws Exception {
        server.enqueue(fileAnswer(DAV + "/r.txt", 10));
        server.enqueue(new MockResponse.Builder().code(200).body("0123456789").build());

        try (ItemContent content = provider("").read(ItemPath.of("r.txt"), Optional.of(new ByteRange(2, 5)))) {
            assertThat(content.stream().readAllBytes())
                    .asString(StandardCharsets.US_ASCII)
                    .isEqualTo("2345");
        }
    }

    @Test
    void anotherRangeThanAskedIsAnError() {
        server.enqueue(fileAnswer(DAV + "/r.txt", 10));
        server.enqueue(new MockResponse.Builder()
                .code(206)
                .setHeader("Content-Range", "bytes 0-3/10")
                .body("0123")
                .build());

        assertThatThrownBy(() -> provider("").read(ItemPath.of("r.txt"), Optional.of(new ByteRange(2, 5))))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aFileThatChangedSinceTheStatIsAnError() {
        server.enqueue(fileAnswer(DAV + "/r.txt", 10));
        server.enqueue(
                new MockResponse.Builder().code(200).body("0123456789ABC").build());

        assertThatThrownBy(() -> provider("").read(ItemPath.of("r.txt"), Optional.empty()))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("changed");
    }

    @Test
    void readOfAFolderIsNotFoundWithoutAGet() {
        server.enqueue(folderAnswer(DAV + "/t1/"));

        assertThatThrownBy(() -> provider("").read(ItemPath.of("t1"), Optional.empty()))
                .isInstanceOf(ItemNotFoundException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void readOfAMissingFileIsNotFound() {
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));

        assertThatThrownBy(() -> provider("").read(ItemPath.of("nope"), Optional.empty()))
                .isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void publicLinksAreOffered() {
        NextcloudStorageProvider p = provider("");
        assertThat(p.publicLinks()).containsSame(p);
    }
}
