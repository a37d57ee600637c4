package dev.sharebridge.adapter.http.javalin.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * At most {@code max} requests of one client in progress at once, counted from the moment their
 * headers have arrived until their answer is done; one more is answered {@code 429} at once
 * (problem {@code too_many_requests}, {@code Retry-After: 1}; {@link JettyErrors}), before any
 * route looks at it or its body is read. The client is the address {@link ClientAddress} works
 * out, so behind a trusted proxy it is the address the proxy names, not the proxy.
 */
public final class ClientLimit extends Handler.Wrapper {
    private final ClientAddress clients;
    private final int max;
    private final Runnable onRefused;
    private final Map<String, Integer> inProgress = new ConcurrentHashMap<>();

    /** @param onRefused told of every refused request (for a metric) */
    public ClientLimit(ClientAddress clients, int max, Runnable onRefused) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.clients = Objects.requireNonNull(clients, "clients");
        this.max = max;
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String client = clients.identify(
                Request.getRemoteAddr(request), request.getHeaders().get("X-Forwarded-For"));
        if (inProgress.merge(client, 1, Integer::sum) > max) {
            release(client);
            onRefused.run();
            Response.writeError(request, response, callback, 429);
            return true;
        }
        // once, whether the request succeeds, fails or is never handled
        Request.addCompletionListener(request, failure -> release(client));
        return super.handle(request, response, callback);
    }

    private void release(String client) {
        inProgress.computeIfPresent(client, (c, n) -> n == 1 ? null : n - 1);
    }

    /** Requests of {@code client} in progress now, for tests. */
    int inProgress(String client) {
        return inProgress.getOrDefault(client, 0);
    }
}
