package dev.sharebridge.adapter.http.javalin.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * {@code GET /metrics}: the registry in the Prometheus text format 0.0.4, for a scraper. No
 * authentication (Prometheus convention); the series carry route templates and counts only.
 */
public final class MetricsRoutes {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;

    public MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    public void register(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).contentType(CONTENT_TYPE).result(registry.scrape());
    }
}
