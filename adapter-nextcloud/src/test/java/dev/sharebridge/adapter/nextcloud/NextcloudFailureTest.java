package dev.sharebridge.adapter.nextcloud;

import static dev.sharebridge.adapter.nextcloud.TestSupport.BASIC;
import static dev.sharebridge.adapter.nextcloud.TestSupport.assertNoSecret;
import static dev.sharebridge.adapter.nextcloud.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Everything that can go wrong between us and NextCloud ends as a {@link StorageUnavailableException}
 * whose message carries neither the password nor NextCloud's body, and nothing is retried.
 */
class NextcloudFailureTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    @StartStop
    private final MockWebServer elsewhere = new MockWebServer();

    private NextcloudStorageProvider provider;

    private NextcloudStorageProvider provider() {
        provider = new NextcloudStorageProvider(settings(server, ""));
        return provider;
    }

    @AfterEach
    void close() {
        if (provider != null) {
            provider.close();
        }
    }

    private StorageUnavailableException unavailable(ThrowingStat call) {
        Throwable thrown = org.junit.jupiter.api.Assertions.assertThrows(StorageUnavailableException.class, call::run);
        assertNoSecret(thrown);
        return (StorageUnavailableException) thrown;
    }

    @FunctionalInterface
    private interface ThrowingStat extends Executable {
        void run() throws StorageException;

        @Override
        default void execute() throws Throwable {
            run();
        }
    }

    private void stat() throws StorageException {
        provider().stat(ItemPath.of("t1"));
    }

    @Test
    void recordedWrongPasswordIsUnavailableAndNotRetried() {
        server.enqueue(Recorded.dav(401, "auth/dav-401-wrong-password.xml"));
        server.enqueue(Recorded.dav(207, "dav/propfind-home-depth0.xml")); // would be consumed by a retry

        StorageUnavailableException e = unavailable(this::stat);

        assertThat(e.getMessage()).contains("401").doesNotContain("Username or password was incorrect");
        assertThat(e.retryAfter()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void recordedForbiddenIsUnavailable() {
        server.enqueue(Recorded.dav(403, "dav/delete-home-403.xml"));

        StorageUnavailableException e = unavailable(() -> provider().delete(ItemPath.of("t1")));
        assertThat(e.getMessage()).contains("403").doesNotContain("Permission denied");
    }

    @Test
    void recordedBruteForceThrottleIsUnavailable() {
        server.enqueue(Recorded.dav(429, "auth/dav-429-bruteforce.xml"));

        StorageUnavailableException e = unavailable(this::stat);
        assertThat(e.getMessage()).contains("429");
        assertThat(e.retryAfter()).isEmpty();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void retryAfterIsPassedOn() {
        server.enqueue(new MockResponse.Builder(Recorded.empty(429))
                .setHeader("Retry-After", "120")
                .build());

        assertThat(unavailable(this::stat).retryAfter()).contains(Duration.ofSeconds(120));
    }

    @Test
    void retryAfterAsAnHttpDateIsRelativeToTheAnswersDate() {
        server.enqueue(new MockResponse.Builder(Recorded.empty(429))
                .setHeader("Date", "Sun, 22 Nov 2026 08:00:00 GMT")
                .setHeader("Retry-After", "Sun, 22 Nov 2026 08:01:30 GMT")
                .build());

        assertThat(unavailable(this::stat).retryAfter()).contains(Duration.ofSeconds(90));
    }

    @Test
    void serverErrorsAreUnavailable() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .setHeader("Content-Type", "text/html")
                .body("<html><title>Service Unavailable</title>secret-internal-detail</html>")
                .build());

        StorageUnavailableException e = unavailable(this::stat);
        assertThat(e.getMessage()).contains("503").doesNotContain("secret-internal-detail");
    }

    @Test
    void anHtmlPageInsteadOfAMultistatusIsUnavailable() {
        server.enqueue(new MockResponse.Builder()
                .code(207)
                .setHeader("Content-Type", "text/html; charset=UTF-8")
                .body("<!DOCTYPE html><html><head><title>Nextcloud</title></head><body>login</body></html>")
                .build());

        assertThat(unavailable(this::stat).getMessage()).contains("non-XML");
    }

    @Test
    void aLoginPageWith200IsUnavailable() {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html; charset=UTF-8")
                .body("<!DOCTYPE html><html><title>Login</title></html>")
                .build());

        assertThat(unavailable(this::stat).getMessage()).contains("200");
    }

    @Test
    void aTruncatedBodyIsUnavailable() {
        String full = Recorded.fixture("dav/propfind-t1-depth1.xml");
        server.enqueue(new MockResponse.Builder()
                .code(207)
                .setHeader("Content-Type", "application/xml; charset=utf-8")
                .body(full.substring(0, 1000))
                .setHeader("Content-Length", Integer.toString(full.length()))
                .onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
                .build());

        unavailable(() -> provider().list(ItemPath.of("t1")));
    }

    @Test
    void aCutXmlDocumentIsUnavailable() {
        server.enqueue(new MockResponse.Builder()
                .code(207)
                .setHeader("Content-Type", "application/xml; charset=utf-8")
                .body(Recorded.fixture("dav/propfind-t1-depth1.xml").substring(0, 1000))
                .build());

        assertThat(unavailable(() -> provider().list(ItemPath.of("t1"))).getMessage())
                .contains("malformed");
    }

    @Test
    void aHugeBodyIsUnavailable() {
        String huge = "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\">" + "<!-- padding -->".repeat(70_000)
                + "</d:multistatus>";
        server.enqueue(new MockResponse.Builder()
                .code(207)
                .setHeader("Content-Type", "application/xml")
                .body(huge)
                .build());
        server.enqueue(new MockResponse.Builder()
                .code(207)
                .setHeader("Content-Type", "application/xml")
                .chunkedBody(huge, 8192)
                .build());

        assertThat(unavailable(this::stat).getMessage()).contains("1 MiB");
        assertThat(unavailable(this::stat).getMessage()).contains("1 MiB");
    }

    @Test
    void aDoctypeIsRefused() {
        server.enqueue(TestSupport.multistatus("")
                .newBuilder()
                .body(
                        "<?xml version=\"1.0\"?>"
                                + "<!DOCTYPE d:multistatus [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                                + "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&xxe;</d:href></d:response></d:multistatus>")
                .build());

        StorageUnavailableException e = unavailable(this::stat);
        assertThat(e.getMessage()).contains("malformed").doesNotContain("root:");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());

        assertThat(unavailable(this::stat).getMessage()).contains("in time");
    }

    @Test
    void theCallDeadlineHoldsEvenWhenBytesTrickle() {
        server.enqueue(new MockResponse.Builder(Recorded.dav(207, "dav/propfind-t1-depth1.xml"))
                .throttleBody(64, 250, TimeUnit.MILLISECONDS)
                .build());
        provider = new NextcloudStorageProvider(new NextcloudSettings(
                server.url("/").toString(),
                TestSupport.USER,
                TestSupport.PASSWORD,
                "",
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofMillis(500)));

        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(
                StorageUnavailableException.class, () -> provider.list(ItemPath.of("t1")));
        assertThat(e).hasMessageContaining("in time");
    }

    @Test
    void aDroppedConnectionIsUnavailableAndNotRetried() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
                .build());
        server.enqueue(Recorded.dav(207, "dav/propfind-home-depth0.xml"));

        assertThat(unavailable(this::stat).getMessage()).contains("dropped the connection");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aBrokenUploadStreamIsReportedAsSuch() {
        server.enqueue(new MockResponse.Builder().code(201).build());
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client went away");
            }
        };

        StorageUnavailableException e = unavailable(() -> provider().write(ItemPath.of("f.txt"), broken));
        assertThat(e.getMessage()).contains("aborted");
    }

    @Test
    void redirectsAreNotFollowedAndTheOtherHostGetsNothing() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(301)
                .setHeader(
                        "Location",
                        elsewhere.url("/remote.php/dav/files/admin/t1").toString())
                .build());

        StorageUnavailableException e = unavailable(this::stat);

        assertThat(e.getMessage())
                .contains("redirect")
                .contains(elsewhere.url("/").host());
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void credentialsGoOnlyToTheConfiguredOriginNotEvenToAnotherPortOfTheSameHost() throws Exception {
        assertThat(elsewhere.url("/").host()).isEqualTo(server.url("/").host());
        assertThat(elsewhere.url("/").port()).isNotEqualTo(server.url("/").port());
        elsewhere.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(new HostScopedBasicAuth(server.url("/"), TestSupport.USER, TestSupport.PASSWORD))
                .build();

        // An absolute URL on another origin, even one that tries to bring its own header.
        try (Response r = client.newCall(new Request.Builder()
                        .url(elsewhere.url("/steal"))
                        .header("Authorization", BASIC)
                        .build())
                .execute()) {
            assertThat(r.code()).isEqualTo(200);
        }
        try (Response r = client.newCall(
                        new Request.Builder().url(server.url("/ok")).build())
                .execute()) {
            assertThat(r.code()).isEqualTo(200);
        }

        RecordedRequest stolen = elsewhere.takeRequest();
        assertThat(stolen.getHeaders().get("Authorization")).isNull();
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo(BASIC);
        client.dispatcher().executorService().shutdown();
        assertThat(new HostScopedBasicAuth(server.url("/"), TestSupport.USER, TestSupport.PASSWORD).toString())
                .doesNotContain(TestSupport.PASSWORD);
    }

    @Test
    void aWriteAnswerOfAnUnexpectedKindIsUnavailable() {
        server.enqueue(new MockResponse.Builder().code(502).build());

        unavailable(() -> provider().write(ItemPath.of("f.txt"), new ByteArrayInputStream(new byte[] {1})));
    }
}
