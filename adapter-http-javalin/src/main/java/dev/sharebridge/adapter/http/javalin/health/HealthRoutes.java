package dev.sharebridge.adapter.http.javalin.health;

import dev.sharebridge.adapter.http.javalin.internal.Json;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}: 200 when every dependency answers, 503 naming the failing checks. */
public final class HealthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);
    private final List<HealthCheck> checks;
    private final Json json;

    public HealthRoutes(List<HealthCheck> checks, Json json) {
        this.checks = List.copyOf(checks);
        this.json = json;
    }

    record Healthy(String status) {}

    record Unhealthy(String status, List<String> failing) {}

    public void register(RoutesConfig routes) {
        routes.get("/health", this::health);
    }

    private void health(Context ctx) {
        List<String> failing = new ArrayList<>();
        for (HealthCheck check : checks) {
            try {
                check.check();
            } catch (Exception e) {
                // the reason stays in the server log; the body only names the check
                LOG.warn("health check {} failed", check.name(), e);
                failing.add(check.name());
            }
        }
        ctx.header("Cache-Control", "no-store");
        if (failing.isEmpty()) {
            json.respond(ctx, 200, new Healthy("ok"));
        } else {
            json.respond(ctx, 503, new Unhealthy("unavailable", failing));
        }
    }
}
