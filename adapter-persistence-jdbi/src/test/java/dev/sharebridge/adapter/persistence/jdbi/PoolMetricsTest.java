package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool reports to Micrometer once bound, after it has started. */
class PoolMetricsTest {
    @TempDir
    Path dir;

    @Test
    void theRunningPoolPublishesItsGauges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (JdbiPersistence db = JdbiPersistence.open(TestDatabases.h2FileUrl(dir), "", "")) {
            db.bindMetrics(registry);
            db.ping();

            Gauge max = registry.find("hikaricp.connections.max")
                    .tag("pool", "sharebridge")
                    .gauge();
            assertThat(max).isNotNull();
            assertThat(max.value()).isEqualTo(8.0);
            assertThat(registry.find("hikaricp.connections.active")
                            .tag("pool", "sharebridge")
                            .gauge())
                    .isNotNull();
        }
    }
}
