package dev.sharebridge.adapter.nextcloud;

import static dev.sharebridge.adapter.nextcloud.TestSupport.assertAuthorized;
import static dev.sharebridge.adapter.nextcloud.TestSupport.fileAnswer;
import static dev.sharebridge.adapter.nextcloud.TestSupport.folderAnswer;
import static dev.sharebridge.adapter.nextcloud.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.storage.DestinationExistsException;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageFullException;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.storage.TransferResult;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * MOVE and COPY replayed request by request. The transcripts hold no MOVE or COPY: the answers
 * are the empty 201/204 NextCloud gives PUT and MKCOL, and the error bodies its Sabre server writes
 * for these methods (see src/test/resources/nextcloud/README.md, "not recorded").
 */
class NextcloudMoveCopyTest {
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

    @Test
    void moveSendsTheDestinationAsAnAbsoluteUrlBelowTheSameRootThenReadsTheResult() throws Exception {
        server.enqueue(Recorded.empty(201));
        server.enqueue(fileAnswer(DAV + "/opentalk/meetings/a%20b%20%c3%bc%26c/p%2bq%23r", 5));

        TransferResult result =
                provider("opentalk/meetings").move(ItemPath.of("old name.txt"), ItemPath.of("a b ü&c", "p+q#r"), false);

        assertThat(result.created()).isTrue();
        assertThat(result.item().path()).isEqualTo(ItemPath.of("a b ü&c", "p+q#r"));
        assertThat(result.item().size()).isEqualTo(5);
        RecordedRequest move = take();
        assertThat(move.getMethod()).isEqualTo("MOVE");
        assertThat(move.getUrl().encodedPath()).isEqualTo(DAV + "/opentalk/meetings/old%20name.txt");
        assertThat(move.getHeaders().get("Destination"))
                .isEqualTo(server.url(DAV + "/opentalk/meetings/a%20b%20%C3%BC%26c/p%2Bq%23r")
                        .toString());
        assertThat(move.getHeaders().get("Overwrite")).isEqualTo("F");
        assertThat(move.getHeaders().get("Depth")).isNull();
        assertThat(move.getBodySize()).isZero();
        RecordedRequest stat = take();
        assertThat(stat.getMethod()).isEqualTo("PROPFIND");
        assertThat(stat.getUrl().encodedPath()).isEqualTo(DAV + "/opentalk/meetings/a%20b%20%C3%BC%26c/p%2Bq%23r");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void copyWithOverwriteThatReplacedIsNotCreated() throws Exception {
        server.enqueue(Recorded.empty(204));
        server.enqueue(folderAnswer(DAV + "/t1/copy/"));

        TransferResult result = provider("").copy(ItemPath.of("t1", "sub"), ItemPath.of("t1", "copy"), true);

        assertThat(result.created()).isFalse();
        assertThat(result.item().type()).isEqualTo(ItemType.FOLDER);
        RecordedRequest copy = take();
        assertThat(copy.getMethod()).isEqualTo("COPY");
        assertThat(copy.getUrl().encodedPath()).isEqualTo(DAV + "/t1/sub");
        assertThat(copy.getHeaders().get("Destination"))
                .isEqualTo(server.url(DAV + "/t1/copy").toString());
        assertThat(copy.getHeaders().get("Overwrite")).isEqualTo("T");
    }

    @Test
    void theDestinationKeepsTheBasePathOfASubPathInstallation() throws Exception {
        server.enqueue(Recorded.empty(201));
        server.enqueue(fileAnswer("/nextcloud" + DAV + "/d/b.txt", 1));
        provider = new NextcloudStorageProvider(settings(server, "/nextcloud/", "d"));

        provider.move(ItemPath.of("a.txt"), ItemPath.of("b.txt"), false);

        RecordedRequest move = take();
        assertThat(move.getUrl().encodedPath()).isEqualTo("/nextcloud" + DAV + "/d/a.txt");
        assertThat(move.getHeaders().get("Destination"))
                .isEqualTo(server.url("/nextcloud" + DAV + "/d/b.txt").toString());
    }

    @Test
    void aMissingSourceIsNotFound() {
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));

        assertThatThrownBy(() -> provider("").move(ItemPath.of("t1", "nope"), ItemPath.of("t1", "x"), false))
                .isInstanceOf(ItemNotFoundException.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aMissingDestinationFolderIsAConflictOnceTheSourceIsKnownToExist() throws Exception {
        server.enqueue(Recorded.dav(409, "dav/move-409-destination-parent-missing.xml"));
        server.enqueue(fileAnswer(DAV + "/t1/file.txt", 5));

        assertThatThrownBy(() -> provider("").move(ItemPath.of("t1", "file.txt"), ItemPath.of("no", "file.txt"), false))
                .isInstanceOf(ItemConflictException.class);
        assertThat(take().getMethod()).isEqualTo("MOVE");
        RecordedRequest check = take();
        assertThat(check.getMethod()).isEqualTo("PROPFIND");
        assertThat(check.getUrl().encodedPath()).isEqualTo(DAV + "/t1/file.txt");
    }

    @Test
    void aDestinationBelowAFileIsAConflict() {
        server.enqueue(Recorded.dav(415, "dav/move-415-destination-parent-not-a-collection.xml"));
        server.enqueue(folderAnswer(DAV + "/t1/sub/"));

        assertThatThrownBy(() -> provider("").copy(ItemPath.of("t1", "sub"), ItemPath.of("t1", "file.txt", "x"), true))
                .isInstanceOf(ItemConflictException.class);
    }

    @Test
    void anExistingDestinationWithoutOverwriteIsDestinationExists() {
        server.enqueue(Recorded.dav(412, "dav/move-412-destination-exists.xml"));
        server.enqueue(fileAnswer(DAV + "/a.txt", 5));

        assertThatThrownBy(() -> provider("").move(ItemPath.of("a.txt"), ItemPath.of("b.txt"), false))
                .isInstanceOf(DestinationExistsException.class);
    }

    @Test
    void aRefusedDestinationOfAMissingSourceIsNotFound() {
        // Sabre looks at the destination before NextCloud looks at the source
        server.enqueue(Recorded.dav(412, "dav/move-412-destination-exists.xml"));
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));

        assertThatThrownBy(() -> provider("").copy(ItemPath.of("gone.txt"), ItemPath.of("b.txt"), false))
                .isInstanceOf(ItemNotFoundException.class);
    }

    @Test
    void aCopyOverTheQuotaIsStorageFull() {
        server.enqueue(Recorded.dav(507, "dav/copy-507-insufficient-storage.xml"));

        assertThatThrownBy(() -> provider("").copy(ItemPath.of("t1"), ItemPath.of("copy"), false))
                .isInstanceOf(StorageFullException.class)
                .hasMessageContaining("copy")
                .hasMessageNotContaining("available");
    }

    @Test
    void aRefusalThatSaysTheQuotaIsExceededIsStorageFull() {
        server.enqueue(Recorded.dav(403, "dav/put-403-quota-exceeded.xml"));

        assertThatThrownBy(() -> provider("").copy(ItemPath.of("t1"), ItemPath.of("copy"), false))
                .isInstanceOf(StorageFullException.class);
    }

    @Test
    void aReservedDestinationNameIsRejected() {
        server.enqueue(Recorded.dav(400, "dav/mkcol-400-invalid-path.xml"));

        assertThatThrownBy(() -> provider("").move(ItemPath.of("a"), ItemPath.of(".htaccess"), false))
                .isInstanceOf(StorageRejectedException.class)
                .hasMessageContaining(".htaccess");
    }

    @Test
    void otherRefusalsAndFailuresAreUnavailable() {
        server.enqueue(Recorded.dav(403, "dav/delete-home-403.xml"));
        server.enqueue(Recorded.empty(502));
        server.enqueue(Recorded.empty(201));
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));
        NextcloudStorageProvider p = provider("");

        assertThatThrownBy(() -> p.move(ItemPath.of("a"), ItemPath.of("b"), true))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("403");
        assertThatThrownBy(() -> p.copy(ItemPath.of("a"), ItemPath.of("b"), true))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("502");
        assertThatThrownBy(() -> p.copy(ItemPath.of("a"), ItemPath.of("b"), true))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("not there");
    }

    @Test
    void whatThePathsAloneRefuseSendsNothing() {
        NextcloudStorageProvider p = provider("opentalk");

        assertThatThrownBy(() -> p.move(ItemPath.root(), ItemPath.of("x"), false))
                .isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> p.copy(ItemPath.of("x"), ItemPath.root(), true))
                .isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> p.move(ItemPath.of("a"), ItemPath.of("a", "b"), false))
                .isInstanceOf(StorageRejectedException.class);
        assertThatThrownBy(() -> p.copy(ItemPath.of("a"), ItemPath.of("a"), true))
                .isInstanceOf(StorageRejectedException.class);
        assertThat(server.getRequestCount()).isZero();
    }
}
