package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health} (docs/reference.md §9) on the embedded default: H2 and local files both answer. */
class HealthE2eTest {
    @TempDir
    Path dir;

    @Test
    void healthSaysOkWithoutAuthentication() throws Exception {
        try (E2eServer server = E2eServer.start(dir)) {
            Http.Response health = server.http().get("/health");

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json()).isEqualTo(Http.JSON.createObjectNode().put("status", "ok"));
            assertThat(health.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        }
    }
}
