package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict scrape reader of the metrics tests refuses what Prometheus and promtool refuse. */
class PrometheusTextTest {
    private static final String HISTOGRAM = """
            # HELP t_seconds Requests
            # TYPE t_seconds histogram
            t_seconds_bucket{route="/a",le="0.1"} 1
            t_seconds_bucket{route="/a",le="1.0"} 2
            t_seconds_bucket{route="/a",le="+Inf"} 3
            t_seconds_count{route="/a"} 3
            t_seconds_sum{route="/a"} 4.5
            """;

    @Test
    void aWellFormedScrapeIsRead() {
        Map<String, PrometheusText.Family> families = PrometheusText.parse(HISTOGRAM + """
                # HELP opens_total Opens
                # TYPE opens_total counter
                opens_total{path="a\\\\b \\"c\\"\\nd"} 2.0
                """);

        assertThat(families).containsOnlyKeys("t_seconds", "opens_total");
        assertThat(PrometheusText.bounds(families.get("t_seconds"), Map.of("route", "/a")))
                .containsExactly("0.1", "1.0", "+Inf");
        assertThat(PrometheusText.value(families, "opens_total", Map.of("path", "a\\b \"c\"\nd")))
                .isEqualTo(2.0);
        assertThat(PrometheusText.lint(families)).isEmpty();
    }

    @Test
    void formatViolationsAreRefused() {
        assertRefused("# HELP a x\n# HELP a y\n# TYPE a gauge\na 1\n", "a second HELP");
        assertRefused("# TYPE a gauge\n# TYPE a counter\na 1\n", "a second TYPE");
        assertRefused("a 1\n# TYPE a gauge\n", "after its samples");
        assertRefused("# TYPE a gauge\na{x=\"1\"} 1\n# TYPE b gauge\nb 1\na{x=\"2\"} 1\n", "not one group");
        assertRefused("# TYPE a gauge\na{x=\"1\"} 1\na{x=\"1\"} 2\n", "a second sample");
        assertRefused("# TYPE a gauge\na{x=\"\\t\"} 1\n", "bad escape");
        assertRefused("# TYPE a gauge\na{x=1} 1\n", "no quoted value");
        assertRefused("# TYPE a gauge\na 1", "line feed");
        assertRefused("# TYPE a gauge\na one\n", "not a number");
        assertRefused("# TYPE h histogram\nh_bucket 1\nh_count 1\nh_sum 1\n", "le belongs");
        assertRefused("# TYPE a counter\na -1\n", "counter a");
        assertRefused(HISTOGRAM.replace("le=\"1.0\"", "le=\"0.05\""), "not above");
        assertRefused(HISTOGRAM.replace("le=\"1.0\"} 2", "le=\"1.0\"} 0"), "fewer than");
        assertRefused(HISTOGRAM.replace("le=\"+Inf\"", "le=\"5.0\""), "+Inf");
        assertRefused(
                HISTOGRAM.replace("t_seconds_count{route=\"/a\"} 3", "t_seconds_count{route=\"/a\"} 4"), "differs");
        assertRefused(HISTOGRAM.replace("t_seconds_sum{route=\"/a\"} 4.5\n", ""), "_sum is missing");
    }

    @Test
    void promtoolsNamingComplaintsAreRepeated() {
        Map<String, PrometheusText.Family> families = PrometheusText.parse("""
                # HELP cpu_time_ns_total CPU
                # TYPE cpu_time_ns_total counter
                cpu_time_ns_total 1
                # HELP cpu_count CPUs
                # TYPE cpu_count gauge
                cpu_count 2
                # TYPE opens counter
                opens 1
                # HELP uptime_milliseconds Up
                # TYPE uptime_milliseconds gauge
                uptime_milliseconds{hostName="x"} 1
                """);

        assertThat(PrometheusText.lint(families))
                .containsExactlyInAnyOrder(
                        "cpu_time_ns_total metric names should not contain abbreviated units",
                        "cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix",
                        "opens no help text",
                        "opens counter metrics should have \"_total\" suffix",
                        "uptime_milliseconds use base unit \"seconds\" instead of \"milliseconds\"",
                        "uptime_milliseconds metric names and label names should be written in 'snake_case' not 'camelCase'");
    }

    private static void assertRefused(String scrape, String why) {
        assertThatThrownBy(() -> PrometheusText.parse(scrape))
                .as(scrape)
                .isInstanceOf(PrometheusText.MalformedScrape.class)
                .hasMessageContaining(why);
    }
}
