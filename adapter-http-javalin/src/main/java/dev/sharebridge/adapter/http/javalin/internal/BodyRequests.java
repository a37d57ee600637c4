package dev.sharebridge.adapter.http.javalin.internal;

import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * At most {@code max} requests that send a body (uploads, JSON writes) handled at once. A route
 * reading a body holds its thread while the bytes come in, as slowly as the client sends them, so
 * where requests run on a bounded pool of platform threads this keeps threads for everything
 * else ({@code /health}, opening links, downloads) however many bodies trickle in. Further
 * requests with a body wait, holding no thread, until one of the places is free, at most
 * {@code maxWait}; then, or when 1024 are already waiting, they are answered
 * {@code 503 service_busy} ({@link JettyErrors}) without their body being read. Requests without
 * a body are never held here.
 */
public final class BodyRequests extends QoSHandler {
    private final Runnable onRefused;

    /** @param onRefused told of every request answered 503 here (for a metric) */
    public BodyRequests(int max, Duration maxWait, Runnable onRefused) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
        setMaxRequestCount(max);
        setMaxSuspend(maxWait);
        include(RequestBodies::announcesBody);
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        onRefused.run();
        super.reject(request, response, callback, status);
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status,
            Throwable failure) {
        onRefused.run();
        super.failSuspended(request, response, callback, status, failure);
    }
}
