package dev.sharebridge.adapter.nextcloud;

import static dev.sharebridge.adapter.nextcloud.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Request ids travel to NextCloud, and every call is reported to the listener with fixed names only. */
class NextcloudObservabilityTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final List<Duration> durations = new CopyOnWriteArrayList<>();
    private NextcloudStorageProvider provider;

    private NextcloudStorageProvider provider() {
        provider = new NextcloudStorageProvider(settings(server, "t1"), (operation, outcome, duration) -> {
            heard.add(operation + " " + outcome);
            durations.add(duration);
        });
        return provider;
    }

    @AfterEach
    void close() {
        MDC.remove("request_id");
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void theRequestIdOfTheMdcGoesWithTheCall() throws Exception {
        server.enqueue(Recorded.dav(207, "dav/propfind-t1-depth1.xml"));
        server.enqueue(Recorded.dav(207, "dav/propfind-t1-depth1.xml"));
        server.enqueue(Recorded.dav(207, "dav/propfind-t1-depth1.xml"));
        NextcloudStorageProvider p = provider();

        MDC.put("request_id", "3f2a9c0d11b24e7a");
        p.list(ItemPath.root());
        MDC.remove("request_id");
        p.list(ItemPath.root());
        MDC.put("request_id", "bad id\r\nX-Evil: 1");
        p.list(ItemPath.root());

        RecordedRequest with = server.takeRequest();
        assertThat(with.getHeaders().get("X-Request-Id")).isEqualTo("3f2a9c0d11b24e7a");
        assertThat(server.takeRequest().getHeaders().get("X-Request-Id")).isNull();
        RecordedRequest malformed = server.takeRequest();
        assertThat(malformed.getHeaders().get("X-Request-Id")).isNull();
        assertThat(malformed.getHeaders().get("X-Evil")).isNull();
    }

    @Test
    void everyCallIsReportedWithItsOperationAndOutcome() {
        server.enqueue(Recorded.dav(207, "dav/propfind-t1-depth1.xml"));
        server.enqueue(Recorded.dav(404, "dav/propfind-404.xml"));
        server.enqueue(Recorded.dav(429, "auth/dav-429-bruteforce.xml"));
        server.enqueue(Recorded.empty(503));
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        NextcloudStorageProvider p = provider();

        try {
            p.list(ItemPath.root());
            assertThat(p.stat(ItemPath.of("secret-name.txt"))).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> p.stat(ItemPath.of("a"))).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> p.stat(ItemPath.of("b"))).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> p.stat(ItemPath.of("c"))).isInstanceOf(StorageUnavailableException.class);

        assertThat(heard)
                .containsExactly(
                        "propfind ok",
                        "propfind client_error",
                        "propfind rate_limited",
                        "propfind server_error",
                        "propfind timeout");
        assertThat(durations).allSatisfy(d -> assertThat(d.isNegative()).isFalse());
    }

    @Test
    void aDroppedConnectionIsAnIoError() {
        server.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket(true, false, false))
                .build());
        NextcloudStorageProvider p = provider();

        assertThatThrownBy(() -> p.stat(ItemPath.of("a"))).isInstanceOf(StorageUnavailableException.class);

        assertThat(heard).containsExactly("propfind io_error");
    }

    @Test
    void anUploadWhoseOwnContentBreaksOffIsAbortedNotAnIoError() {
        server.enqueue(new MockResponse.Builder().code(201).build()); // MKCOL of the configured directory
        server.enqueue(new MockResponse.Builder().code(201).build());
        NextcloudStorageProvider p = provider();
        java.io.InputStream broken = new java.io.InputStream() {
            private int left = 10_000;

            @Override
            public int read() throws java.io.IOException {
                if (left-- <= 0) {
                    throw new java.io.EOFException("the client went away");
                }
                return 'x';
            }
        };

        assertThatThrownBy(() -> p.write(ItemPath.of("f.txt"), broken)).isInstanceOf(StorageUnavailableException.class);

        assertThat(heard).containsExactly("mkcol ok", "put aborted");
    }

    @Test
    void aFailingListenerDoesNotFailTheCall() throws Exception {
        server.enqueue(Recorded.dav(207, "dav/propfind-t1-depth1.xml"));
        provider = new NextcloudStorageProvider(settings(server, "t1"), (operation, outcome, duration) -> {
            throw new IllegalStateException("broken listener");
        });

        assertThat(provider.list(ItemPath.root())).isNotEmpty();
    }

    @Test
    void operationsAreNamedFromMethodAndUrlBelowTheBase() {
        HttpUrl base = HttpUrl.get("https://cloud.example.org/nextcloud/");
        CallKind kinds = new CallKind(base);
        String dav = "https://cloud.example.org/nextcloud/remote.php/dav/files/alice/Rooms/x%20y";
        String shares = "https://cloud.example.org/nextcloud/ocs/v2.php/apps/files_sharing/api/v1/shares";
        RequestBody empty = RequestBody.create(new byte[0]);

        assertThat(kinds.operation(
                        new Request.Builder().url(dav).method("MKCOL", null).build()))
                .isEqualTo("mkcol");
        assertThat(kinds.operation(
                        new Request.Builder().url(dav).method("PROPFIND", empty).build()))
                .isEqualTo("propfind");
        assertThat(kinds.operation(new Request.Builder().url(dav).get().build()))
                .isEqualTo("get");
        assertThat(kinds.operation(new Request.Builder().url(dav).put(empty).build()))
                .isEqualTo("put");
        assertThat(kinds.operation(new Request.Builder().url(dav).delete().build()))
                .isEqualTo("delete");
        assertThat(kinds.operation(
                        new Request.Builder().url(dav).method("MOVE", null).build()))
                .isEqualTo("move");
        assertThat(kinds.operation(
                        new Request.Builder().url(dav).method("COPY", null).build()))
                .isEqualTo("copy");
        assertThat(kinds.operation(new Request.Builder()
                        .url(shares + "?format=json")
                        .post(empty)
                        .build()))
                .isEqualTo("share_create");
        assertThat(kinds.operation(new Request.Builder()
                        .url(shares + "/17?format=json")
                        .put(empty)
                        .build()))
                .isEqualTo("share_update");
        assertThat(kinds.operation(new Request.Builder()
                        .url(shares + "/17?format=json")
                        .delete()
                        .build()))
                .isEqualTo("share_delete");
        assertThat(kinds.operation(
                        new Request.Builder().url(base.resolve("status.php")).build()))
                .isEqualTo("status");
        assertThat(kinds.operation(new Request.Builder()
                        .url(base.resolve("ocs/v2.php/cloud/capabilities?format=json"))
                        .build()))
                .isEqualTo("capabilities");
        assertThat(kinds.operation(new Request.Builder()
                        .url(base.resolve("ocs/v2.php/cloud/user?format=json"))
                        .build()))
                .isEqualTo("user");
        assertThat(kinds.operation(new Request.Builder()
                        .url("https://cloud.example.org/remote.php/dav/files/a")
                        .get()
                        .build()))
                .as("outside the base")
                .isEqualTo("other");
    }

    @Test
    void statusCodesMapToOutcomes() {
        assertThat(CallKind.outcome(200)).isEqualTo("ok");
        assertThat(CallKind.outcome(207)).isEqualTo("ok");
        assertThat(CallKind.outcome(301)).isEqualTo("client_error");
        assertThat(CallKind.outcome(405)).isEqualTo("client_error");
        assertThat(CallKind.outcome(429)).isEqualTo("rate_limited");
        assertThat(CallKind.outcome(502)).isEqualTo("server_error");
        assertThat(CallKind.outcome(new java.net.SocketTimeoutException())).isEqualTo("timeout");
        assertThat(CallKind.outcome(new java.io.IOException())).isEqualTo("io_error");
    }
}
