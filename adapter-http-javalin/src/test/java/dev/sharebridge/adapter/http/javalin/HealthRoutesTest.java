package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.adapter.http.javalin.health.HealthCheck;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthRoutesTest extends ApiTestSupport {
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);

    @Override
    void beforeStart() {
        healthChecks.add(HealthCheck.of("database", () -> {
            if (!databaseUp.get()) {
                throw new IllegalStateException("connection refused to db-secret-host");
            }
        }));
        healthChecks.add(HealthCheck.of("storage", () -> {}));
    }

    @Test
    void okWhenEveryCheckPasses() {
        HttpResponse<String> r = send(req("/health"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(send(req("/health/")).statusCode()).isEqualTo(200);
    }

    @Test
    void unavailableNamesTheFailingCheckOnly() {
        databaseUp.set(false);
        HttpResponse<String> r = send(req("/health"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"status\":\"unavailable\",\"failing\":[\"database\"]}");
    }
}
