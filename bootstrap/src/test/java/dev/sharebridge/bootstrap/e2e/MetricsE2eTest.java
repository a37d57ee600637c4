package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} (contract §9) of the composed server: HTTP, pool and JVM series together. */
class MetricsE2eTest {
    @TempDir
    Path dir;

    @Test
    void metricsShowRequestsThePoolAndTheJvm() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            String token = server.addUser("alice");
            assertThat(server.http().get("/api/folders", Http.bearer(token)).status()).isEqualTo(200);

            Http.Response r = server.http().get("/metrics");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            List<String> lines = r.text().lines().toList();
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("sharebridge_http_requests_seconds_count{")
                    .contains("method=\"GET\"", "route=\"/api/folders\"", "status=\"200\"").endsWith(" 1"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("hikaricp_connections_max{")
                    .contains("pool=\"sharebridge\""));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("jvm_memory_used_bytes{"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("jvm_threads_live_threads"));
            assertThat(r.text()).doesNotContain(token);
        }
    }

    @Test
    void metricsCountHowOftenALinksRowAndFileWereReused() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            String token = server.addUser("alice");
            Http http = server.http();
            assertThat(http.put("/api/files/a.txt", "hello".getBytes(StandardCharsets.UTF_8), Http.bearer(token))
                    .status()).isEqualTo(201);
            Http.Response share = http.postJson("/api/shares", Map.of("item_id", "a.txt"), Http.bearer(token));
            String link = "/api/s/" + share.json().path("token").asText();
            // the first open reads both; the next ones, within 100 ms or not, each hit or miss
            for (int i = 0; i < 5; i++) {
                assertThat(http.get(link).status()).isEqualTo(200);
            }

            List<String> lines = http.get("/metrics").text().lines().toList();
            for (String cache : List.of("shares", "files")) {
                double hits = value(lines, "sharebridge_cache_lookups_total{cache=\"" + cache + "\",result=\"hit\"}");
                double misses = value(lines, "sharebridge_cache_lookups_total{cache=\"" + cache + "\",result=\"miss\"}");
                assertThat(misses).as(cache).isGreaterThanOrEqualTo(1);
                assertThat(hits + misses).as(cache).isGreaterThanOrEqualTo(5);
            }
        }
    }

    private static double value(List<String> lines, String series) {
        return lines.stream().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError(series + " is missing"));
    }

    @Test
    void theServedOpenApiDocumentDescribesMetrics() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            Http.Response r = server.http().get("/openapi.yaml");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
            assertThat(r.text()).startsWith("openapi: 3.").contains("\n  /metrics:\n");
        }
    }
}
