package dev.sharebridge.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.adapter.nextcloud.NextcloudCallListener;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The NextCloud adapter's call listener as bound by the composition root. */
class NextcloudCallMetricsTest {
    @Test
    void callsBecomeATimerByProviderOperationAndOutcome() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        NextcloudCallListener storage = Sharebridge.nextcloudCallMetrics(registry, "storage");
        NextcloudCallListener rooms = Sharebridge.nextcloudCallMetrics(registry, "shared_folder");

        storage.completed("propfind", "ok", Duration.ofMillis(20));
        storage.completed("propfind", "ok", Duration.ofMillis(30));
        storage.completed("put", "timeout", Duration.ofSeconds(60));
        rooms.completed("share_create", "rate_limited", Duration.ofMillis(5));

        Timer propfind = registry.find("sharebridge.nextcloud.calls")
                .tags("provider", "storage", "operation", "propfind", "outcome", "ok")
                .timer();
        assertThat(propfind).isNotNull();
        assertThat(propfind.count()).isEqualTo(2);
        assertThat(registry.scrape())
                .contains("sharebridge_nextcloud_calls_seconds_count{operation=\"put\","
                        + "outcome=\"timeout\",provider=\"storage\"} 1")
                .contains("sharebridge_nextcloud_calls_seconds_count{operation=\"share_create\","
                        + "outcome=\"rate_limited\",provider=\"shared_folder\"} 1");
    }
}
