package dev.sharebridge.adapter.nextcloud;

import static dev.sharebridge.adapter.nextcloud.TestSupport.assertAuthorized;
import static dev.sharebridge.adapter.nextcloud.TestSupport.assertNoSecret;
import static dev.sharebridge.adapter.nextcloud.TestSupport.form;
import static dev.sharebridge.adapter.nextcloud.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.PublicLinkCapability.Access;
import dev.sharebridge.domain.storage.PublicLinkCapability.PublicLink;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** NextCloud link shares: the recorded OCS exchanges, the verification of every answer, repair and clean-up. */
class NextcloudPublicLinkTest {
    private static final String SHARES = "/ocs/v2.php/apps/files_sharing/api/v1/shares";
    private static final String SHARE_PASSWORD = "Share-Pa55word!x";
    private static final ItemPath ROOM = ItemPath.of("sharebridge-room-1");
    private static final Optional<LocalDate> NOV_29 = Optional.of(LocalDate.of(2026, 11, 29));

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private NextcloudStorageProvider provider;

    @BeforeEach
    void open() {
        provider = new NextcloudStorageProvider(settings(server, "opentalk/meetings"));
    }

    @AfterEach
    void close() {
        provider.close();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest();
        assertAuthorized(request);
        return request;
    }

    private static void assertOcs(RecordedRequest request, String method, String path) {
        assertThat(request.getMethod()).isEqualTo(method);
        assertThat(request.getUrl().encodedPath()).isEqualTo(path);
        assertThat(request.getUrl().query()).isEqualTo("format=json");
        assertThat(request.getHeaders().get("OCS-APIRequest")).isEqualTo("true");
        assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
    }

    private static MockResponse withPermissions(MockResponse recorded, int from, int to) {
        String body = recorded.getBody() == null ? "" : bodyOf(recorded);
        return recorded.newBuilder()
                .body(body.replace("\"permissions\":" + from + ",", "\"permissions\":" + to + ","))
                .build();
    }

    private static String bodyOf(MockResponse response) {
        okio.Buffer buffer = new okio.Buffer();
        try {
            response.getBody().writeTo(buffer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return buffer.readUtf8();
    }

    // ---- create: the recorded success cases ------------------------------------------------

    @Test
    void aReadLinkAsRecorded17IsAccepted() throws Exception {
        server.enqueue(Recorded.ocs(200, "ocs/create-read-expiry.json", server));

        PublicLink link = provider.create(ROOM, Access.READ, SHARE_PASSWORD, NOV_29);

        assertThat(link.id()).isEqualTo("53");
        assertThat(link.access()).isEqualTo(Access.READ);
        assertThat(link.url()).isEqualTo(server.url("/s/MANyX79LFjF2DDJ").toString());
        RecordedRequest request = take();
        assertOcs(request, "POST", SHARES);
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(form(request))
                .containsExactly(
                        entry("path", "/opentalk/meetings/sharebridge-room-1"),
                        entry("shareType", "3"),
                        entry("permissions", "1"),
                        entry("password", SHARE_PASSWORD),
                        entry("expireDate", "2026-11-29"));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aReadWriteLinkAsRecorded31WithoutExpiryIsAccepted() throws Exception {
        server.enqueue(Recorded.ocs(200, "ocs/create-read-write.json", server));

        PublicLink link = provider.create(ROOM, Access.READ_WRITE, SHARE_PASSWORD, Optional.empty());

        assertThat(link.id()).isEqualTo("61");
        assertThat(link.access()).isEqualTo(Access.READ_WRITE);
        assertThat(form(take())).containsEntry("permissions", "15").doesNotContainKey("expireDate");
    }

    @Test
    void aPathWithSpacesAndUnicodeIsSentAsTheOwnersPath() throws Exception {
        server.enqueue(Recorded.ocs(200, "ocs/create-read-write.json", server));

        provider.create(ItemPath.of("x y ü"), Access.READ_WRITE, SHARE_PASSWORD, Optional.empty());

        assertThat(form(take())).containsEntry("path", "/opentalk/meetings/x y ü");
    }

    // ---- create: verification, repair, clean-up ---------------------------------------------

    @Test
    void a17ForAReadWriteRequestIsRepairedOnceThenDeleted() throws Exception {
        server.enqueue(Recorded.ocs(200, "ocs/create-read-expiry.json", server)); // 17
        server.enqueue(Recorded.ocs(200, "ocs/create-read-expiry.json", server)); // repair: still 17
        server.enqueue(Recorded.ocs(200, "ocs/delete-200.json", server));

        StorageUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                StorageUnavailableException.class,
                () -> provider.create(ROOM, Access.READ_WRITE, SHARE_PASSWORD, NOV_29));

        assertThat(e.getMessage()).contains("permissions 17").contains("deleted");
        assertNoSecret(e);
        assertOcs(take(), "POST", SHARES);
        RecordedRequest repair = take();
        assertOcs(repair, "PUT", SHARES + "/53");
        assertThat(form(repair)).containsExactly(entry("permissions", "15"), entry("expireDate", "2026-11-29"));
        assertOcs(take(), "DELETE", SHARES + "/53");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aRepairThatWorksGivesTheLink() throws Exception {
        server.enqueue(Recorded.ocs(200, "ocs/create-read-expiry.json", server)); // 17, 2026-11-29
        server.enqueue(Recorded.ocs(200, "ocs/update-permissions-15.json", server)); // 31, 2031-05-06

        PublicLink link =
                provider.create(ROOM, Access.READ_WRITE, SHARE_PASSWORD, Optional.of(LocalDate.of(2031, 5, 6)));

        assertThat(link.id()).isEqualTo("53");
        assertThat(link.access()).isEqualTo(Access.READ_WRITE);
        take();
        assertThat(form(take())).containsExactly(entry("permissions", "15"), entry("expireDate", "2031-05-06"));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void writeBitsOnAReadLinkAreNeverAccepted() throws Exception {
        server.enqueue(Recorded.ocs(200, "ocs/create-read-write.json", server)); // 31
        server.enqueue(Recorded.ocs(200, "ocs/create-read-write.json", server)); // repair: still 31
        server.enqueue(Recorded.ocs(200, "ocs/delete-200.json", server));

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, Optional.empty()))
                .isInstanceOf(StorageUnavailableException.class);
        take();
        assertThat(form(take())).containsExactly(entry("permissions", "1"), entry("expireDate", ""));
        assertOcs(take(), "DELETE", SHARES + "/61");
    }

    @Test
    void theRecorded19OfAFileIsNotReadWrite() throws Exception {
        server.enqueue(Recorded.ocs(200, "ocs/create-read-write-on-file.json", server)); // 19
        server.enqueue(Recorded.ocs(200, "ocs/create-read-write-on-file.json", server));
        server.enqueue(Recorded.ocs(200, "ocs/delete-200.json", server));

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ_WRITE, SHARE_PASSWORD, Optional.empty()))
                .isInstanceOf(StorageUnavailableException.class);
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void aMissingExpiryIsRepairedThenDeleted() throws Exception {
        server.enqueue(Recorded.ocs(200, "ocs/create-read-write.json", server)); // expiration null
        server.enqueue(Recorded.ocs(200, "ocs/create-read-write.json", server));
        server.enqueue(Recorded.ocs(404, "ocs/delete-404.json", server)); // already gone is fine

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ_WRITE, SHARE_PASSWORD, NOV_29))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("expiration none");
        take();
        assertThat(form(take())).containsEntry("expireDate", "2026-11-29");
    }

    @Test
    void aLinkOnAnotherHostIsDeletedWithoutRepair() throws Exception {
        // The recorded body unchanged: its URL points at 127.0.0.1:8080, not at the configured NextCloud.
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .body(Recorded.fixture("ocs/create-read-expiry.json"))
                .build());
        server.enqueue(Recorded.ocs(200, "ocs/delete-200.json", server));

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, NOV_29))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("url");
        take();
        assertOcs(take(), "DELETE", SHARES + "/53");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anotherShareTypeIsDeleted() throws Exception {
        MockResponse recorded = Recorded.ocs(200, "ocs/create-read-expiry.json", server);
        server.enqueue(recorded.newBuilder()
                .body(bodyOf(recorded).replace("\"share_type\":3", "\"share_type\":0"))
                .build());
        server.enqueue(Recorded.ocs(200, "ocs/delete-200.json", server));

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, NOV_29))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("share type");
        take();
        assertOcs(take(), "DELETE", SHARES + "/53");
    }

    @Test
    void extraBitsBeyondTheAskedOnesAreFineForReadWrite() throws Exception {
        server.enqueue(withPermissions(Recorded.ocs(200, "ocs/create-read-write.json", server), 31, 15));

        assertThat(provider.create(ROOM, Access.READ_WRITE, SHARE_PASSWORD, Optional.empty())
                        .id())
                .isEqualTo("61");
    }

    // ---- create: recorded errors ----------------------------------------------------------

    @Test
    void theRecordedPasswordPolicyErrorIsRejected() {
        server.enqueue(Recorded.ocs(400, "ocs/create-400-password-too-short.json", server));

        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(
                StorageRejectedException.class, () -> provider.create(ROOM, Access.READ, "abc123", Optional.empty()));
        assertThat(e.getMessage()).doesNotContain("abc123");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theRecordedCommonPasswordErrorIsRejected() {
        server.enqueue(Recorded.ocs(400, "ocs/create-400-password-common.json", server));

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, "1234567890123", Optional.empty()))
                .isInstanceOf(StorageRejectedException.class)
                .hasMessageNotContaining("1234567890123");
    }

    @Test
    void theRecordedWrongPathIsNotFoundAfterAStat() throws Exception {
        server.enqueue(Recorded.ocs(404, "ocs/create-404-path.json", server));
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, Optional.empty()))
                .isInstanceOf(ItemNotFoundException.class);
        take();
        RecordedRequest stat = take();
        assertThat(stat.getMethod()).isEqualTo("PROPFIND");
        assertThat(stat.getUrl().encodedPath())
                .isEqualTo("/remote.php/dav/files/admin/opentalk/meetings/sharebridge-room-1");
    }

    @Test
    void theRecordedPastExpiryOnAnExistingFolderIsRejected() {
        server.enqueue(Recorded.ocs(404, "ocs/create-404-expiry-past.json", server));
        server.enqueue(TestSupport.folderAnswer("/remote.php/dav/files/admin/opentalk/meetings/sharebridge-room-1/"));

        assertThatThrownBy(() ->
                        provider.create(ROOM, Access.READ, SHARE_PASSWORD, Optional.of(LocalDate.of(2026, 11, 19))))
                .isInstanceOf(StorageRejectedException.class);
    }

    @Test
    void theRecordedRateLimitWithItsEmptyBodyIsUnavailableWithRetryAfter() {
        server.enqueue(new MockResponse.Builder(Recorded.empty(429))
                .setHeader("Retry-After", "600")
                .build());

        StorageUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                StorageUnavailableException.class,
                () -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, Optional.empty()));
        assertThat(e.retryAfter()).contains(Duration.ofMinutes(10));
        assertThat(e.getMessage()).contains("429");
    }

    @Test
    void theRecordedBruteForceAnswerIsUnavailable() {
        server.enqueue(Recorded.ocs(429, "auth/ocs-429-bruteforce.json", server));

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, Optional.empty()))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("429");
    }

    @Test
    void theRecordedWrongPasswordIsUnavailableAndNotRetried() {
        server.enqueue(new MockResponse.Builder(Recorded.ocs(401, "auth/ocs-401-wrong-password.json", server))
                .setHeader("WWW-Authenticate", "Basic realm=\"Authorisation Required\"")
                .build());

        StorageUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                StorageUnavailableException.class,
                () -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, Optional.empty()));
        assertThat(e.getMessage()).contains("401");
        assertNoSecret(e);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theRecordedCsrfFailureIsUnavailable() {
        server.enqueue(Recorded.ocs(412, "auth/ocs-412-csrf.json", server));

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, Optional.empty()))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("OCS-APIRequest");
    }

    @Test
    void anHttp200WithAnOcsErrorIsNotSuccess() {
        server.enqueue(Recorded.ocs(200, "ocs/v1-create-200-statuscode-404.json", server));

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, Optional.empty()))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("OCS status 404");
    }

    @Test
    void anHtmlPageIsNotSuccess() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html; charset=UTF-8")
                .body("<html><title>Nextcloud</title></html>")
                .build());

        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, SHARE_PASSWORD, Optional.empty()))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("no JSON");
    }

    @Test
    void theHomeFolderIsNeverShared() throws Exception {
        try (NextcloudStorageProvider home = new NextcloudStorageProvider(settings(server, ""))) {
            assertThatThrownBy(() -> home.create(ItemPath.root(), Access.READ, SHARE_PASSWORD, Optional.empty()))
                    .isInstanceOf(StorageRejectedException.class);
        }
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aPasswordIsRequired() {
        assertThatThrownBy(() -> provider.create(ROOM, Access.READ, "", Optional.empty()))
                .isInstanceOf(InvalidValueException.class);
        assertThat(server.getRequestCount()).isZero();
    }

    // ---- delete ---------------------------------------------------------------------------

    @Test
    void deleteAsRecorded() throws Exception {
        server.enqueue(Recorded.ocs(200, "ocs/delete-200.json", server));

        provider.delete("53");

        RecordedRequest request = take();
        assertOcs(request, "DELETE", SHARES + "/53");
        assertThat(request.getBodySize()).isZero();
    }

    @Test
    void deleteOfAShareAlreadyGoneIsFine() throws Exception {
        server.enqueue(Recorded.ocs(404, "ocs/delete-404.json", server));

        provider.delete("53");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a404PageThatIsNotOcsIsNotAlreadyGone() {
        server.enqueue(new MockResponse.Builder()
                .code(404)
                .setHeader("Content-Type", "text/html; charset=UTF-8")
                .body("<html>Not found</html>")
                .build());

        assertThatThrownBy(() -> provider.delete("53")).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void deleteNeedsAShareId() {
        assertThatThrownBy(() -> provider.delete("../53")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> provider.delete("53?x=1")).isInstanceOf(InvalidValueException.class);
        assertThat(server.getRequestCount()).isZero();
    }
}
