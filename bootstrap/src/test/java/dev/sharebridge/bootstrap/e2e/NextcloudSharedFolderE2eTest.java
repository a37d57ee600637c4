package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.adapter.nextcloud.FakeNextcloud;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Meeting shared folders on NextCloud through the whole server: the shipped composition with
 * {@code [shared_folder] provider = "nextcloud"} against a stateful fake NextCloud that answers
 * like the recordings of {@code shared/nextcloud/}, with a failure injected at each step.
 */
class NextcloudSharedFolderE2eTest {
    private static final String DIRECTORY = "opentalk/meetings";

    /** The fake NextCloud, with one request that can be made to fail. */
    private static final class Upstream extends Dispatcher {
        final FakeNextcloud cloud = new FakeNextcloud("sharebridge", "app-password-for-tests");
        volatile Predicate<RecordedRequest> failWhen = r -> false;
        volatile MockResponse failure = new MockResponse.Builder().code(500).build();
        final AtomicInteger failed = new AtomicInteger();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (failWhen.test(request)) {
                failed.incrementAndGet();
                return failure;
            }
            return cloud.dispatch(request);
        }
    }

    private MockWebServer nextcloud;
    private Upstream upstream;
    private E2eServer server;
    private String olga;
    private String bob;
    private String room;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        upstream = new Upstream();
        upstream.cloud.mkdirs(DIRECTORY);
        nextcloud = new MockWebServer();
        nextcloud.setDispatcher(upstream);
        nextcloud.start();
        server = E2eServer.start(
                dir,
                String.join(
                        "\n",
                        "[shared_folder]",
                        "provider = \"nextcloud\"",
                        "url = \"http://127.0.0.1:" + nextcloud.getPort() + "/\"",
                        "username = \"sharebridge\"",
                        "password = \"app-password-for-tests\"",
                        "directory = \"" + DIRECTORY + "\"",
                        "expiry = 2",
                        ""));
        olga = server.addUser("olga");
        bob = server.addUser("bob");
        Http.Response created = server.http().postJson("/v1/rooms", Map.of("title", "Weekly"), bearer(olga));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        room = created.json().get("id").asText();
        assertThat(server.http()
                        .put("/v1/rooms/" + room + "/invitees/bob", new byte[0], bearer(olga))
                        .status())
                .isEqualTo(204);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        nextcloud.close();
    }

    private String folder() {
        return DIRECTORY + "/sharebridge-room-" + room;
    }

    private Http.Response putFolder() {
        return server.http().put("/v1/rooms/" + room + "/shared_folder", new byte[0], bearer(olga));
    }

    private void assertNothingLeftBehind() {
        assertThat(upstream.cloud.shares()).isEmpty();
        assertThat(upstream.cloud.exists(folder())).isFalse();
        assertThat(server.http()
                        .get("/v1/rooms/" + room + "/shared_folder", bearer(olga))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void createsTheFolderAndTwoVerifiedLinksThenDeletesEverything() {
        Http.Response created = putFolder();
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode body = created.json();
        String origin = "http://127.0.0.1:" + nextcloud.getPort() + "/s/";
        assertThat(body.at("/read/url").asText()).startsWith(origin);
        assertThat(body.at("/read_write/url").asText()).startsWith(origin);
        assertThat(body.at("/read/password").asText()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(upstream.cloud.exists(folder())).isTrue();

        String expiry = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        assertThat(upstream.cloud.shares().values()).hasSize(2).allSatisfy(s -> {
            assertThat(s.path()).isEqualTo("/" + folder());
            assertThat(s.expireDate()).startsWith(expiry);
        });
        assertThat(upstream.cloud.shares().values())
                .extracting(FakeNextcloud.Share::permissions)
                .containsExactlyInAnyOrder(17, 31);

        Http.Response again = putFolder();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(body);
        assertThat(upstream.cloud.shares()).hasSize(2);

        JsonNode bobs = server.http()
                .get("/v1/rooms/" + room + "/shared_folder", bearer(bob))
                .json();
        assertThat(bobs.get("read")).isEqualTo(body.get("read"));
        assertThat(bobs.has("read_write")).isFalse();

        assertThat(server.http()
                        .delete("/v1/rooms/" + room + "/shared_folder", bearer(olga))
                        .status())
                .isEqualTo(204);
        assertNothingLeftBehind();
        assertThat(server.http()
                        .delete("/v1/rooms/" + room + "/shared_folder", bearer(olga))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void aFailureAtEachCreationStepLeavesNothingAndARetrySucceeds() {
        AtomicInteger posts = new AtomicInteger();
        Map<String, Predicate<RecordedRequest>> steps = Map.of(
                "making the room folder",
                        r -> r.getMethod().equals("MKCOL")
                                && r.getUrl().encodedPath().endsWith("sharebridge-room-" + room),
                "the first link", r -> r.getMethod().equals("POST") && posts.incrementAndGet() == 1,
                "the second link", r -> r.getMethod().equals("POST") && posts.incrementAndGet() == 2);
        for (Map.Entry<String, Predicate<RecordedRequest>> step : steps.entrySet()) {
            posts.set(0);
            upstream.failed.set(0);
            upstream.failWhen = step.getValue();
            Http.Response failed = putFolder();
            assertThat(upstream.failed.get()).as(step.getKey()).isEqualTo(1);
            assertThat(failed.status()).as(step.getKey() + ": " + failed.text()).isEqualTo(502);
            assertThat(failed.code()).isEqualTo("upstream_unavailable");
            assertThat(failed.text()).doesNotContain("app-password-for-tests");
            assertNothingLeftBehind();
        }
        upstream.failWhen = r -> false;
        assertThat(putFolder().status()).isEqualTo(201);
        assertThat(upstream.cloud.shares()).hasSize(2);
    }

    @Test
    void nextcloudsRateLimitBecomes503WithRetryAfter() {
        upstream.failure = new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "120")
                .build();
        upstream.failWhen = r -> r.getMethod().equals("POST");
        Http.Response limited = putFolder();
        assertThat(limited.status()).as(limited.text()).isEqualTo(503);
        assertThat(limited.header("Retry-After")).contains("120");
        assertThat(limited.code()).isEqualTo("upstream_unavailable");
        assertNothingLeftBehind();
    }

    @Test
    void aFailedDeleteKeepsTheFolderUntilARetryFinishesIt() {
        assertThat(putFolder().status()).isEqualTo(201);
        upstream.failWhen = r -> r.getMethod().equals("DELETE");
        Http.Response failed = server.http().delete("/v1/rooms/" + room + "/shared_folder", bearer(olga));
        assertThat(failed.status()).isIn(502, 503);
        assertThat(server.http()
                        .get("/v1/rooms/" + room + "/shared_folder", bearer(olga))
                        .status())
                .isEqualTo(200);

        upstream.failWhen = r -> false;
        assertThat(server.http()
                        .delete("/v1/rooms/" + room + "/shared_folder", bearer(olga))
                        .status())
                .isEqualTo(204);
        assertNothingLeftBehind();
    }

    @Test
    void deletingTheRoomRemovesTheNextcloudFolderUnlessItFailsWithoutForce() {
        assertThat(putFolder().status()).isEqualTo(201);
        upstream.failWhen = r -> r.getMethod().equals("DELETE");
        assertThat(server.http().delete("/v1/rooms/" + room, bearer(olga)).status())
                .isEqualTo(502);
        assertThat(server.http().get("/v1/rooms/" + room, bearer(olga)).status())
                .isEqualTo(200);
        upstream.failWhen = r -> false;
        assertThat(server.http().delete("/v1/rooms/" + room, bearer(olga)).status())
                .isEqualTo(204);
        assertThat(upstream.cloud.shares()).isEmpty();
        assertThat(upstream.cloud.exists(folder())).isFalse();
    }
}
