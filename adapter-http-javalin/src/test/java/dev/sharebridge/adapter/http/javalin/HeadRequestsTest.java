package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.SharePermissions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code HEAD} is {@code GET} without a body on every GET route (issue 13, item 8; RFC 9110
 * §9.3.2): the same checks, status and headers, and it never counts an access. Javalin used to
 * answer it with an empty 200 whenever a GET route matched, without running the route.
 */
class HeadRequestsTest extends ApiTestSupport {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private String folderToken;
    private String fileToken;
    private String lockedToken;
    private String dropToken;
    private String shareId;

    @Override
    MeterRegistry metrics() {
        return registry;
    }

    @BeforeEach
    void seed() throws Exception {
        putFile("pub/a.txt", "0123456789");
        putFile("pub/sub/b.txt", "bbb");
        putFile("single.txt", "single");
        folderToken = shares.add(
                        ALICE,
                        ItemPath.parse("pub"),
                        Optional.empty(),
                        new SharePermissions(true, true, true),
                        Optional.empty())
                .token()
                .value();
        fileToken = shares.add(
                        ALICE,
                        ItemPath.parse("single.txt"),
                        Optional.empty(),
                        SharePermissions.DEFAULT,
                        Optional.empty())
                .token()
                .value();
        lockedToken = shares.add(
                        ALICE, ItemPath.parse("pub"), Optional.of("hash"), SharePermissions.DEFAULT, Optional.empty())
                .token()
                .value();
        dropToken = shares.add(
                        ALICE,
                        ItemPath.parse("pub"),
                        Optional.empty(),
                        new SharePermissions(false, true, false),
                        Optional.empty())
                .token()
                .value();
        shareId = shares.shares.keySet().iterator().next().toString();
    }

    /** One GET route each, as a request without its method; the expected status of its GET. */
    private record Case(String name, int status, UnaryOperator<HttpRequest.Builder> request) {}

    private List<Case> cases() {
        String room = createRoom();
        return List.of(
                new Case("open", 200, b -> b.uri(uri("/api/s/" + folderToken))),
                new Case("open of an unknown link", 404, b -> b.uri(uri("/api/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))),
                new Case("open without the grant", 401, b -> b.uri(uri("/api/s/" + lockedToken))),
                new Case("list", 200, b -> b.uri(uri("/api/s/" + folderToken + "/list"))),
                new Case("list of a subfolder", 200, b -> b.uri(uri("/api/s/" + folderToken + "/list/sub"))),
                new Case("list of a file drop", 403, b -> b.uri(uri("/api/s/" + dropToken + "/list"))),
                new Case("list without the grant", 401, b -> b.uri(uri("/api/s/" + lockedToken + "/list"))),
                new Case("download", 200, b -> b.uri(uri("/api/s/" + fileToken + "/download"))),
                new Case(
                        "download of a range",
                        206,
                        b -> b.uri(uri("/api/s/" + fileToken + "/download")).header("Range", "bytes=1-2")),
                new Case(
                        "download of a file in a folder",
                        200,
                        b -> b.uri(uri("/api/s/" + folderToken + "/download/a.txt"))),
                new Case("download of a file drop", 403, b -> b.uri(uri("/api/s/" + dropToken + "/download/a.txt"))),
                new Case("zip", 200, b -> b.uri(uri("/api/s/" + folderToken + "/zip"))),
                new Case("zip of a subfolder", 200, b -> b.uri(uri("/api/s/" + folderToken + "/zip/sub"))),
                new Case("zip of a file link", 404, b -> b.uri(uri("/api/s/" + fileToken + "/zip"))),
                new Case("zip without the grant", 401, b -> b.uri(uri("/api/s/" + lockedToken + "/zip"))),
                new Case("share list without a bearer token", 401, b -> b.uri(uri("/api/shares"))),
                new Case("share list", 200, b -> b.uri(uri("/api/shares")).header("Authorization", "Bearer " + TOKEN)),
                new Case(
                        "one share",
                        200,
                        b -> b.uri(uri("/api/shares/" + shareId)).header("Authorization", "Bearer " + TOKEN)),
                new Case(
                        "another user's share",
                        404,
                        b -> b.uri(uri("/api/shares/" + shareId)).header("Authorization", "Bearer " + BOB_TOKEN)),
                new Case(
                        "share count",
                        200,
                        b -> b.uri(uri("/api/shares/count?below=pub")).header("Authorization", "Bearer " + TOKEN)),
                new Case(
                        "own file",
                        200,
                        b -> b.uri(uri("/api/files/pub/a.txt")).header("Authorization", "Bearer " + TOKEN)),
                new Case("own file without a bearer token", 401, b -> b.uri(uri("/api/files/pub/a.txt"))),
                new Case("folders", 200, b -> b.uri(uri("/api/folders")).header("Authorization", "Bearer " + TOKEN)),
                new Case(
                        "a folder",
                        200,
                        b -> b.uri(uri("/api/folders/pub")).header("Authorization", "Bearer " + TOKEN)),
                new Case("rooms", 200, b -> b.uri(uri("/v1/rooms")).header("Authorization", "Bearer " + TOKEN)),
                new Case(
                        "a room", 200, b -> b.uri(uri("/v1/rooms/" + room)).header("Authorization", "Bearer " + TOKEN)),
                new Case(
                        "a room without a folder",
                        404,
                        b -> b.uri(uri("/v1/rooms/" + room + "/shared_folder"))
                                .header("Authorization", "Bearer " + TOKEN)),
                new Case("share page", 200, b -> b.uri(uri("/s/" + folderToken))),
                new Case("app page", 200, b -> b.uri(uri("/"))),
                new Case("page asset", 200, b -> b.uri(uri("/assets/share.css"))),
                new Case("app asset", 200, b -> b.uri(uri("/app/main.js"))),
                new Case("unknown asset", 404, b -> b.uri(uri("/assets/nope.js"))),
                new Case("health", 200, b -> b.uri(uri("/health"))),
                new Case("openapi", 200, b -> b.uri(uri("/openapi.yaml"))));
    }

    private String createRoom() {
        HttpResponse<String> r = postJson(authed("/v1/rooms"), "{\"title\":\"head\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).get("id").asText();
    }

    private java.net.URI uri(String path) {
        return java.net.URI.create(base + path);
    }

    /** Headers that differ between any two answers, whatever the method. */
    private static Map<String, List<String>> comparable(HttpResponse<?> r) {
        Map<String, List<String>> h = new TreeMap<>(r.headers().map());
        h.remove("date");
        h.remove("x-request-id");
        // a visit is handed out only by a counted open, which HEAD is not (docs/reference.md §6)
        h.remove("set-cookie");
        h.remove("x-share-visit");
        return h;
    }

    @Test
    void headAnswersWhatGetAnswersWithoutTheBody() {
        List<String> wrong = new ArrayList<>();
        for (Case c : cases()) {
            HttpResponse<String> head = send(
                    c.request().apply(HttpRequest.newBuilder()).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<String> get =
                    send(c.request().apply(HttpRequest.newBuilder()).GET());
            if (get.statusCode() != c.status()) {
                wrong.add(c.name() + ": GET answered " + get.statusCode() + " " + get.body());
            }
            if (head.statusCode() != get.statusCode()) {
                wrong.add(c.name() + ": HEAD " + head.statusCode() + ", GET " + get.statusCode());
            }
            if (!comparable(head).equals(comparable(get))) {
                wrong.add(c.name() + ": HEAD headers " + comparable(head) + ", GET headers " + comparable(get));
            }
            if (!head.body().isEmpty()) {
                wrong.add(c.name() + ": HEAD has a body");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void headOfTheMetricsIsTheScrapesHeadersWithoutTheScrape() {
        // the scrape changes with every request, so only its status and type can be compared
        HttpResponse<String> head = send(req("/metrics").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> get = send(req("/metrics"));

        assertThat(head.statusCode()).isEqualTo(200).isEqualTo(get.statusCode());
        assertThat(head.headers().firstValue("Content-Type"))
                .isEqualTo(get.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
        assertThat(head.body()).isEmpty();
        assertThat(get.body()).contains("sharebridge_http_requests_seconds_count{method=\"HEAD\",route=\"/metrics\"");
    }

    @Test
    void theContentLengthOfHeadIsTheLengthOfTheGetBody() {
        for (String path : List.of(
                "/api/s/" + folderToken,
                "/api/s/" + folderToken + "/list",
                "/health",
                "/api/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            HttpResponse<String> head = send(req(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<byte[]> get = sendBytes(req(path));
            assertThat(head.headers().firstValue("Content-Length"))
                    .as(path)
                    .hasValue(Integer.toString(get.body().length));
        }
    }

    @Test
    void headNeverCountsAnAccess() {
        for (String path : List.of(
                "/api/s/" + folderToken,
                "/api/s/" + fileToken + "/download",
                "/api/s/" + folderToken + "/download/a.txt",
                "/api/s/" + folderToken + "/zip",
                "/api/s/" + folderToken + "/zip/sub")) {
            HttpResponse<String> head = send(req(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(publicShares.counted).as("HEAD is safe: nothing counted").hasValue(0);

        assertThat(send(req("/api/s/" + folderToken)).statusCode()).isEqualTo(200);
        assertThat(publicShares.counted).as("GET still counts").hasValue(1);
    }

    @Test
    void theAccessLogAndTheMetricsSayHead() {
        Logger access = (Logger) LoggerFactory.getLogger("dev.sharebridge.http.access");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        access.addAppender(appender);
        try {
            send(req("/api/s/" + folderToken).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        } finally {
            access.detachAppender(appender);
        }
        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(l -> assertThat(l).startsWith("method=HEAD route=/api/s/{token} status=200 "));
        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("sharebridge_http_requests_seconds_count{method=\"HEAD\",route=\"/api/s/{token}\","
                        + "status=\"200\",status_class=\"2xx\"} 1");
        assertThat(scrape).contains("sharebridge_share_opens_total 0.0");
    }

    @Test
    void aMethodOverrideHeaderIsIgnored() {
        putFile("keep.txt", "keep");
        HttpResponse<String> r = send(authed("/api/files/keep.txt")
                .header("X-HTTP-Method-Override", "DELETE")
                .GET());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("keep");
        assertThat(get("/api/files/keep.txt").statusCode()).as("still there").isEqualTo(200);
    }
}
