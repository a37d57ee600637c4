package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sharebridge.adapter.http.javalin.health.HealthCheck;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.SharePermissions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@code /metrics}, the access log line and request ids, on the real server. */
class ObservabilityTest extends ApiTestSupport {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})? (\\S+)$");
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<String> idsSeenByHealthChecks = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();
    private String fileToken;
    private String lockedToken;

    @Override
    MeterRegistry metrics() {
        return registry;
    }

    @Override
    void beforeStart() {
        // a health check runs inside the request, so it sees what the NextCloud adapter would see
        healthChecks.add(
                HealthCheck.of("probe", () -> idsSeenByHealthChecks.add(String.valueOf(MDC.get("request_id")))));
    }

    @BeforeEach
    void shares() throws Exception {
        putFile("single.txt", "single");
        putFile("pub/a.txt", "a");
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
        accessLog.start();
        ((Logger) LoggerFactory.getLogger("dev.sharebridge.http.access")).addAppender(accessLog);
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger("dev.sharebridge.http.access")).detachAppender(accessLog);
    }

    /** Series name + sorted labels -> value, from the Prometheus text format. */
    private static Map<String, Double> parse(String text) {
        return text.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> {
                    Matcher m = SAMPLE.matcher(l);
                    assertThat(m.matches()).as("a sample line: %s", l).isTrue();
                    return m;
                })
                .collect(Collectors.toMap(
                        m -> m.group(1) + (m.group(2) == null ? "" : m.group(2)),
                        m -> Double.parseDouble(m.group(3)),
                        (a, b) -> b));
    }

    private HttpResponse<String> scrape() {
        HttpResponse<String> r = send(req("/metrics"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain; version=0.0.4"));
        return r;
    }

    @Test
    void metricsCountRequestsByRouteTemplateAndThePublicShareOutcomes() {
        assertThat(send(req("/api/s/" + fileToken)).statusCode()).isEqualTo(200);
        assertThat(send(req("/api/s/" + fileToken)).statusCode()).isEqualTo(200);
        assertProblem(
                postJson(req("/api/s/" + lockedToken + "/verify"), "{\"password\":\"wrong\"}"),
                401,
                "invalid_password");
        assertProblem(
                postJson(req("/api/s/" + lockedToken + "/verify"), "{\"password\":\"too many tries\"}"),
                429,
                "rate_limited");
        assertThat(postJson(
                                req("/api/s/" + lockedToken + "/verify"),
                                "{\"password\":\"" + FakePublicShares.PASSWORD + "\"}")
                        .statusCode())
                .isEqualTo(200);
        assertProblem(send(req("/no/such/route")), 404, "not_found");
        assertThat(get("/api/folders").statusCode()).isEqualTo(200);

        HttpResponse<String> r = scrape();
        Map<String, Double> series = parse(r.body());

        assertThat(series)
                .containsEntry(
                        "sharebridge_http_requests_seconds_count{method=\"GET\","
                                + "route=\"/api/s/{token}\",status=\"200\",status_class=\"2xx\"}",
                        2.0);
        assertThat(series)
                .containsEntry(
                        "sharebridge_http_requests_seconds_count{method=\"POST\","
                                + "route=\"/api/s/{token}/verify\",status=\"401\",status_class=\"4xx\"}",
                        1.0);
        assertThat(series)
                .containsEntry(
                        "sharebridge_http_requests_seconds_count{method=\"GET\","
                                + "route=\"unmatched\",status=\"404\",status_class=\"4xx\"}",
                        1.0);
        assertThat(series)
                .containsEntry(
                        "sharebridge_http_requests_seconds_count{method=\"GET\","
                                + "route=\"/api/folders\",status=\"200\",status_class=\"2xx\"}",
                        1.0);
        assertThat(series.keySet())
                .as("a latency histogram")
                .anyMatch(k -> k.startsWith("sharebridge_http_requests_seconds_bucket{")
                        && k.contains("route=\"/api/s/{token}\"")
                        && k.contains("le=\""));
        assertThat(series).containsEntry("sharebridge_share_opens_total", 2.0);
        assertThat(series).containsEntry("sharebridge_share_verify_failures_total", 1.0);
        assertThat(series).containsEntry("sharebridge_share_throttles_total{route=\"/api/s/{token}/verify\"}", 1.0);
        assertThat(r.body())
                .doesNotContain(fileToken)
                .doesNotContain(lockedToken)
                .doesNotContain("no/such")
                .doesNotContain(TOKEN)
                .doesNotContain("wrong");
    }

    @Test
    void pathRoutesAreLabelledInBracesInTheMetricsAndTheAccessLog() {
        assertThat(get("/api/files/pub/a.txt").statusCode()).isEqualTo(200);
        assertThat(send(req("/api/s/" + lockedToken + "/download/a.txt")).statusCode())
                .isEqualTo(401);

        Map<String, Double> series = parse(scrape().body());

        assertThat(series)
                .containsEntry(
                        "sharebridge_http_requests_seconds_count{method=\"GET\","
                                + "route=\"/api/files/{path}\",status=\"200\",status_class=\"2xx\"}",
                        1.0);
        assertThat(series)
                .containsEntry(
                        "sharebridge_http_requests_seconds_count{method=\"GET\","
                                + "route=\"/api/s/{token}/download/{path}\",status=\"401\",status_class=\"4xx\"}",
                        1.0);
        assertThat(series.keySet()).noneMatch(k -> k.contains("<") || k.contains(">"));
        List<String> lines =
                accessLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("method=GET route=/api/files/{path} status=200 "));
        assertThat(lines)
                .anySatisfy(
                        l -> assertThat(l).startsWith("method=GET route=/api/s/{token}/download/{path} status=401 "));
    }

    @Test
    void everyRequestSeriesHasTheSameSmallFixedSetOfBuckets() {
        assertThat(send(req("/api/s/" + fileToken)).statusCode()).isEqualTo(200);
        assertThat(get("/api/files/pub/a.txt").statusCode()).isEqualTo(200);
        assertThat(send(req("/health")).statusCode()).isEqualTo(200);

        Map<String, Double> series = parse(scrape().body());

        Map<String, List<String>> bucketsBySeries = series.keySet().stream()
                .filter(k -> k.startsWith("sharebridge_http_requests_seconds_bucket{"))
                .collect(Collectors.groupingBy(
                        k -> k.replaceAll(",?le=\"[^\"]*\"", ""),
                        Collectors.mapping(k -> k.replaceAll(".*le=\"([^\"]*)\".*", "$1"), Collectors.toList())));
        assertThat(bucketsBySeries).hasSizeGreaterThanOrEqualTo(3);
        assertThat(bucketsBySeries.values())
                .allSatisfy(le -> assertThat(le)
                        .containsExactlyInAnyOrder(
                                "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5",
                                "5.0", "10.0", "+Inf"));
    }

    @Test
    void metricsCountThemselvesOnTheNextScrape() {
        scrape();
        assertThat(parse(scrape().body()))
                .containsEntry(
                        "sharebridge_http_requests_seconds_count{method=\"GET\","
                                + "route=\"/metrics\",status=\"200\",status_class=\"2xx\"}",
                        1.0);
    }

    @Test
    void oneKeyValueLinePerRequestWithTheTemplateAndTheRequestId() {
        HttpResponse<String> open = send(req("/api/s/" + fileToken + "/download"));
        HttpResponse<String> verify = postJson(req("/api/s/" + lockedToken + "/verify"), "{\"password\":\"wrong\"}");
        String openId = open.headers().firstValue("X-Request-Id").orElseThrow();
        String verifyId = verify.headers().firstValue("X-Request-Id").orElseThrow();

        List<String> lines =
                accessLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .matches("method=GET route=/api/s/\\{token\\}/download status=200 duration_ms=\\d+ request_id="
                                + openId));
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .matches("method=POST route=/api/s/\\{token\\}/verify status=401 duration_ms=\\d+ request_id="
                                + verifyId));
        assertThat(lines)
                .allSatisfy(l -> assertThat(l)
                        .doesNotContain("\n")
                        .doesNotContain(fileToken)
                        .doesNotContain(lockedToken)
                        .doesNotContain("wrong")
                        .doesNotContain(TOKEN));
    }

    @Test
    void aWellFormedIncomingRequestIdIsKeptAndInTheMdcWhileTheRequestRuns() {
        HttpResponse<String> r = send(req("/health").header("X-Request-Id", "lb-7f3e2a91-0c4d"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Request-Id")).hasValue("lb-7f3e2a91-0c4d");
        assertThat(idsSeenByHealthChecks).containsExactly("lb-7f3e2a91-0c4d");
        assertThat(accessLog.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(l -> assertThat(l).endsWith("request_id=lb-7f3e2a91-0c4d"));
    }

    @Test
    void aMalformedIncomingRequestIdIsReplaced() {
        for (String bad : List.of("short", "has space in it", "x".repeat(65), "semi;colon-123")) {
            HttpResponse<String> r = send(req("/health").header("X-Request-Id", bad));
            assertThat(r.headers().firstValue("X-Request-Id"))
                    .hasValueSatisfying(id -> assertThat(id).isNotEqualTo(bad).matches("[0-9a-f]{16}"));
        }
        assertThat(idsSeenByHealthChecks)
                .hasSize(4)
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{16}"));
    }

    @Test
    void eachRequestHasItsOwnId() {
        String first = send(req("/health")).headers().firstValue("X-Request-Id").orElseThrow();
        String second =
                send(req("/health")).headers().firstValue("X-Request-Id").orElseThrow();

        assertThat(first).isNotEqualTo(second);
        assertThat(idsSeenByHealthChecks).containsExactly(first, second);
    }
}
