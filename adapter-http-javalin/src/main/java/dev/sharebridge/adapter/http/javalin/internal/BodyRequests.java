package dev.sharebridge.adapter.http.javalin.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * At most {@code max} requests receiving a body at once. A route reading a body holds its thread
 * while the bytes come in, as slowly as the client sends them, so where requests run on a bounded
 * pool of platform threads this keeps threads for everything else ({@code /health}, opening
 * links, downloads) however many bodies trickle in. A request holds its place from the moment its
 * headers have arrived until the last byte of its body has (or until it ends, if that is first):
 * what it does afterwards, such as checking a password or waiting out the delay of a wrong one
 * without a thread, is the server's own work and takes no place. Further requests with a body wait,
 * holding no thread, for a place to come free, at most {@code maxWait}; then, or when
 * {@value #MAX_WAITING} already wait, they are answered {@code 503 service_busy}
 * ({@link JettyErrors}) without their body being read. Requests without a body never wait here.
 */
public final class BodyRequests extends Handler.Wrapper implements Graceful {
    static final int MAX_WAITING = 1024;
    private final Duration maxWait;
    private final Runnable onRefused;
    private final Object lock = new Object();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>(); // guarded by lock
    private int free; // guarded by lock
    private boolean shutdown; // guarded by lock

    /** @param onRefused told of every request answered 503 here (for a metric) */
    public BodyRequests(int max, Duration maxWait, Runnable onRefused) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.free = max;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.onRefused = Objects.requireNonNull(onRefused, "onRefused");
    }

    /** A request waiting for a place, and the timer that ends its wait. */
    private final class Waiting {
        final Request request;
        final Response response;
        final Callback callback;
        Scheduler.Task expiry;

        Waiting(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!RequestBodies.announcesBody(request)) {
            return super.handle(request, response, callback);
        }
        Waiting w = new Waiting(request, response, callback);
        boolean placed;
        boolean full = false;
        synchronized (lock) {
            placed = free > 0;
            if (placed) {
                free--;
            } else if (shutdown || waiting.size() >= MAX_WAITING) {
                full = true;
            } else {
                waiting.add(w);
                w.expiry = request.getComponents()
                        .getScheduler()
                        .schedule(() -> expire(w), maxWait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        if (placed) {
            return handleWithPlace(request, response, callback);
        }
        if (full) {
            refuse(w);
        }
        return true;
    }

    private boolean handleWithPlace(Request request, Response response, Callback callback) throws Exception {
        Place place = new Place(request);
        Request.addCompletionListener(request, failure -> place.giveBack());
        return super.handle(place, response, callback);
    }

    /** Runs a request that waited, now that a place is its own. */
    private void resume(Waiting w) {
        try {
            if (!handleWithPlace(w.request, w.response, w.callback)) {
                Response.writeError(w.request, w.response, w.callback, 404);
            }
        } catch (Throwable x) {
            Response.writeError(w.request, w.response, w.callback, x);
        }
    }

    private void expire(Waiting w) {
        boolean removed;
        synchronized (lock) {
            removed = waiting.remove(w);
        }
        if (removed) {
            refuse(w);
        }
    }

    private void refuse(Waiting w) {
        onRefused.run();
        Response.writeError(w.request, w.response, w.callback, 503);
    }

    /** A place given back: to the request that has waited longest, or to the free ones. */
    private void giveBack() {
        Waiting next;
        synchronized (lock) {
            next = waiting.poll();
            if (next == null) {
                free++;
                return;
            }
        }
        next.expiry.cancel();
        next.request.getComponents().getExecutor().execute(() -> resume(next));
    }

    /** On stop, the requests still waiting get their 503 at once instead of holding the stop up. */
    @Override
    public CompletableFuture<Void> shutdown() {
        List<Waiting> refused;
        synchronized (lock) {
            shutdown = true;
            refused = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Waiting w : refused) {
            w.expiry.cancel();
            refuse(w);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    @Override
    protected void doStart() throws Exception {
        synchronized (lock) {
            shutdown = false;
        }
        super.doStart();
    }

    /** Requests waiting for a place now, for tests. */
    int waiting() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    /** The request while it holds a place; gives it back when its body's last chunk is read. */
    private final class Place extends Request.Wrapper {
        private final AtomicBoolean held = new AtomicBoolean(true);

        Place(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            if (chunk != null && chunk.isLast()) {
                giveBack();
            }
            return chunk;
        }

        void giveBack() {
            if (held.compareAndSet(true, false)) {
                BodyRequests.this.giveBack();
            }
        }
    }
}
