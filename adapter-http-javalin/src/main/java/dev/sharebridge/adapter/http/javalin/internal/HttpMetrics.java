package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the HTTP edge counts: every request by method, route template and status, and the public
 * share outcomes an operator watches for abuse (opens, wrong passwords, throttled answers). Tags
 * are route templates and status codes only, never a path, token or user.
 */
public final class HttpMetrics {
    static final String OPEN_ROUTE = "/api/s/{token}";
    static final String VERIFY_ROUTE = "/api/s/{token}/verify";
    /** {@link #refused} reasons. */
    public static final String CLIENT_LIMIT = "client_limit";

    public static final String BUSY = "busy";
    /**
     * The upper bounds (le) of the request histogram: a small fixed set from 1 ms to 10 s, like
     * the Prometheus clients' defaults with two finer steps for the sub-millisecond public open.
     * Micrometer's own percentile histogram had 69 buckets per series (350 KB per scrape with 37
     * series, 87 KB with these 13 plus +Inf).
     */
    static final Duration[] BUCKETS = {
        millis(1),
        millis(2.5),
        millis(5),
        millis(10),
        millis(25),
        millis(50),
        millis(100),
        millis(250),
        millis(500),
        millis(1000),
        millis(2500),
        millis(5000),
        millis(10_000)
    };

    private final MeterRegistry registry;
    // meters are looked up once per key, not built and registered on every request
    private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, Counter> throttles = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final Counter opens;
    private final Counter verifyFailures;

    private HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.opens =
                counter("sharebridge.share.opens", "Public share links opened (200 answers to GET /api/s/{token})");
        this.verifyFailures =
                counter("sharebridge.share.verify.failures", "Wrong passwords given to POST /api/s/{token}/verify");
        for (String reason : new String[] {CLIENT_LIMIT, BUSY}) {
            refusals.put(
                    reason,
                    Counter.builder("sharebridge.http.refused")
                            .description(
                                    "Requests refused before routing by a limit on slow or greedy clients, by reason")
                            .tag("reason", reason)
                            .register(registry));
        }
    }

    private record RequestKey(String method, String route, int status) {}

    /** Records into {@code registry}. */
    public static HttpMetrics into(MeterRegistry registry) {
        return new HttpMetrics(Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Called once per finished request, from the request logger; {@code route} is its
     * {@link RequestLog#template}.
     */
    public void record(Context ctx, String route, Float millis) {
        int status = ctx.statusCode();
        String method = RequestMethod.of(ctx);
        requests.computeIfAbsent(new RequestKey(method, route, status), this::timer)
                .record(millis == null ? 0 : (long) (millis * 1_000_000.0), TimeUnit.NANOSECONDS);
        if (status == 200 && method.equals("GET") && route.equals(OPEN_ROUTE)) {
            opens.increment();
        }
        if (route.equals(VERIFY_ROUTE) && "invalid_password".equals(Problems.code(ctx))) {
            verifyFailures.increment();
        }
        if (status == 429 && ResponseHeaders.isPublic(ctx)) {
            throttles
                    .computeIfAbsent(
                            route,
                            r -> Counter.builder("sharebridge.share.throttles")
                                    .description("429 answers on the public share routes, by route template")
                                    .tag("route", r)
                                    .register(registry))
                    .increment();
        }
    }

    /**
     * Counts a request the web server refused before any route saw it, because of a limit that
     * keeps slow or greedy clients from starving the others: {@code client_limit} (429, too many
     * requests of one client at once) or {@code busy} (503, no place among the requests with a
     * body in time).
     */
    public void refused(String reason) {
        refusals.computeIfAbsent(
                        reason,
                        r -> Counter.builder("sharebridge.http.refused")
                                .description(
                                        "Requests refused before routing by a limit on slow or greedy clients, by reason")
                                .tag("reason", r)
                                .register(registry))
                .increment();
    }

    private Timer timer(RequestKey key) {
        return Timer.builder("sharebridge.http.requests")
                .description("HTTP requests by method, route template and status")
                .tag("method", key.method())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .tag("status_class", key.status() / 100 + "xx")
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private static Duration millis(double ms) {
        return Duration.ofNanos(Math.round(ms * 1_000_000));
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }
}
