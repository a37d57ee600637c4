package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * What the HTTP edge counts: every request by method, route template and status, and the public
 * share outcomes an operator watches for abuse (opens, wrong passwords, throttled answers). Tags
 * are route templates and status codes only, never a path, token or user.
 */
public final class HttpMetrics {
    static final String OPEN_ROUTE = "/api/s/{token}";
    static final String VERIFY_ROUTE = "/api/s/{token}/verify";

    private final MeterRegistry registry;

    private HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records into {@code registry}. */
    public static HttpMetrics into(MeterRegistry registry) {
        return new HttpMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /** Records nothing (an API built without a registry). */
    public static HttpMetrics off() {
        return new HttpMetrics(null);
    }

    /** Called once per finished request, from the request logger. */
    public void record(Context ctx, Float millis) {
        if (registry == null) {
            return;
        }
        String route = RequestLog.template(ctx);
        int status = ctx.statusCode();
        String method = ctx.method().name();
        Timer.builder("sharebridge.http.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .tag("status_class", status / 100 + "xx")
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofNanos(millis == null ? 0 : (long) (millis * 1_000_000.0)));
        if (status == 200 && method.equals("GET") && route.equals(OPEN_ROUTE)) {
            counter("sharebridge.share.opens", "Public share links opened (200 answers to GET /api/s/{token})")
                    .increment();
        }
        if (route.equals(VERIFY_ROUTE) && "invalid_password".equals(Problems.code(ctx))) {
            counter("sharebridge.share.verify.failures", "Wrong passwords given to POST /api/s/{token}/verify")
                    .increment();
        }
        if (status == 429 && ResponseHeaders.isPublic(ctx)) {
            Counter.builder("sharebridge.share.throttles")
                    .description("429 answers on the public share routes, by route template")
                    .tag("route", route)
                    .register(registry)
                    .increment();
        }
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }
}
