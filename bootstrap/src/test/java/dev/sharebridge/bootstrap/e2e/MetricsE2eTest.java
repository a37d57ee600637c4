package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} (docs/reference.md §9) of the composed server: HTTP, pool and JVM series together. */
class MetricsE2eTest {
    /** The request histogram's bounds (docs/operations.md), +Inf included. */
    private static final List<String> BOUNDS = List.of(
            "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
            "+Inf");

    @TempDir
    Path dir;

    @Test
    void metricsShowRequestsThePoolAndTheJvm() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            String token = server.addUser("alice");
            assertThat(server.http().get("/api/folders", Http.bearer(token)).status())
                    .isEqualTo(200);

            Http.Response r = server.http().get("/metrics");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            List<String> lines = r.text().lines().toList();
            assertThat(lines)
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("sharebridge_http_requests_seconds_count{")
                            .contains("method=\"GET\"", "route=\"/api/folders\"", "status=\"200\"")
                            .endsWith(" 1"));
            assertThat(lines)
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("hikaricp_connections_max{")
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
                            .status())
                    .isEqualTo(201);
            Http.Response share = http.postJson("/api/shares", Map.of("item_id", "a.txt"), Http.bearer(token));
            String link = "/api/s/" + share.json().path("token").asText();
            // the first open reads both; the next ones, within 100 ms or not, each hit or miss
            for (int i = 0; i < 5; i++) {
                assertThat(http.get(link).status()).isEqualTo(200);
            }

            // the counters' sources must outlive a collection (Micrometer holds them weakly)
            System.gc();
            List<String> lines = http.get("/metrics").text().lines().toList();
            for (String cache : List.of("shares", "files")) {
                double hits = value(lines, "sharebridge_cache_lookups_total{cache=\"" + cache + "\",result=\"hit\"}");
                double misses =
                        value(lines, "sharebridge_cache_lookups_total{cache=\"" + cache + "\",result=\"miss\"}");
                assertThat(misses).as(cache).isGreaterThanOrEqualTo(1);
                assertThat(hits + misses).as(cache).isGreaterThanOrEqualTo(5);
            }
        }
    }

    /**
     * A scrape after requests on many routes (files, shares, public links, pages, errors) obeys the
     * text format strictly, passes promtool's lint (repeated in Java) and, where {@code promtool}
     * is installed ({@code .ci/run} installs it), {@code promtool check metrics} itself.
     */
    @Test
    void aScrapeIsStrictlyValidWithFewBucketsAndRoutesInBraces() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            String token = server.addUser("alice");
            Http http = server.http();
            String[] auth = Http.bearer(token);
            assertThat(http.put("/api/files/docs/a.txt", "hello".getBytes(StandardCharsets.UTF_8), auth)
                            .status())
                    .isEqualTo(201);
            assertThat(http.get("/api/files/docs/a.txt", auth).status()).isEqualTo(200);
            assertThat(http.get("/api/files/docs/none.txt", auth).status()).isEqualTo(404);
            assertThat(http.get("/api/folders/docs", auth).status()).isEqualTo(200);
            String link = http.postJson("/api/shares", Map.of("item_id", "docs"), auth)
                    .json()
                    .path("token")
                    .asText();
            assertThat(http.get("/api/s/" + link).status()).isEqualTo(200);
            assertThat(http.get("/api/s/" + link + "/download/a.txt").status()).isEqualTo(200);
            assertThat(http.get("/api/s/" + "A".repeat(32)).status()).isEqualTo(404);
            assertThat(http.get("/s/" + link).status()).isEqualTo(200);
            assertThat(http.get("/no/such/route").status()).isEqualTo(404);
            assertThat(http.get("/metrics").status()).isEqualTo(200);

            Http.Response r = http.get("/metrics");
            Map<String, PrometheusText.Family> families = PrometheusText.parse(r.text());

            assertThat(PrometheusText.lint(families))
                    .as("promtool's naming rules")
                    .isEmpty();
            PrometheusText.Family requests = families.get("sharebridge_http_requests_seconds");
            assertThat(requests.type()).isEqualTo("histogram");
            TreeSet<String> routes = new TreeSet<>();
            requests.samples().stream().filter(s -> s.name().endsWith("_count")).forEach(s -> {
                routes.add(s.labels().get("route"));
                assertThat(PrometheusText.bounds(requests, s.labels()))
                        .as("buckets of %s", s.labels())
                        .containsExactlyElementsOf(BOUNDS);
            });
            assertThat(routes)
                    .contains(
                            "/api/files/{path}",
                            "/api/folders/{path}",
                            "/api/s/{token}",
                            "/api/s/{token}/download/{path}",
                            "/s/{token}",
                            "unmatched");
            assertThat(routes).noneMatch(route -> route.contains("<"));
            assertThat(families)
                    .containsKeys(
                            "process_cpu_seconds_total",
                            "system_cpus",
                            "jvm_memory_used_bytes",
                            "hikaricp_connections_max");
            assertThat(r.text()).doesNotContain(token).doesNotContain(link).doesNotContain("a.txt");
            Optional<Path> promtool = promtool();
            if (promtool.isPresent()) {
                Path scrape = Files.write(dir.resolve("scrape.txt"), r.body());
                assertThat(promtoolCheck(promtool.get(), scrape))
                        .as("promtool check metrics")
                        .isEmpty();
            }
        }
    }

    /** {@code $PROMTOOL}, else {@code promtool} on the PATH. */
    private static Optional<Path> promtool() {
        String configured = System.getenv("PROMTOOL");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** What {@code promtool check metrics} says about {@code scrape}, with its exit code when not 0; "" when happy. */
    private static String promtoolCheck(Path promtool, Path scrape) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics")
                .redirectInput(scrape.toFile())
                .redirectErrorStream(true)
                .start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int code = p.waitFor();
        return code == 0 && said.isEmpty() ? "" : "exit " + code + ": " + said;
    }

    private static double value(List<String> lines, String series) {
        return lines.stream()
                .filter(l -> l.startsWith(series + " "))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1)))
                .orElseThrow(() -> new AssertionError(series + " is missing"));
    }

    @Test
    void theServedOpenApiDocumentDescribesMetrics() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            Http.Response r = server.http().get("/openapi.yaml");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
            assertThat(r.text()).startsWith("openapi: 3.").contains("\n  /metrics:\n");
        }
    }
}
