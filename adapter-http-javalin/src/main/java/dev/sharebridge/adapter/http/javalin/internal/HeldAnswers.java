package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds a prepared answer back for a while without holding a thread: the request turns
 * asynchronous and is completed from {@code executor} when the delay is over. Used for the
 * growing delay after wrong share passwords and for throttled answers, so that a guesser waits
 * and a flood of refused requests costs the server almost nothing.
 */
public final class HeldAnswers {
    private final Executor executor;
    private final AtomicInteger waiting = new AtomicInteger();

    private HeldAnswers(Executor executor) {
        this.executor = executor;
    }

    /** Completes held answers on {@code executor} (the server's own thread pool). */
    public static HeldAnswers on(Executor executor) {
        return new HeldAnswers(Objects.requireNonNull(executor, "executor"));
    }

    /** Sends the answer {@code ctx} already holds once {@code delay} has passed. */
    public void hold(Context ctx, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, executor);
        waiting.incrementAndGet();
        ctx.future(() -> CompletableFuture.runAsync(waiting::decrementAndGet, later));
    }

    /** How many answers are being held back right now. */
    public int waiting() {
        return waiting.get();
    }
}
