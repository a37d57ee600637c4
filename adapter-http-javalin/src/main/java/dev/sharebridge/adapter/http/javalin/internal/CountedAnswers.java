package dev.sharebridge.adapter.http.javalin.internal;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Answers once a use case's counted access is committed, without holding a thread meanwhile: at
 * once when it already is; otherwise the request turns asynchronous and the answer (or the
 * problem, such as the 404 of a link used up meanwhile) is sent from the server's pool, never
 * from the thread that committed the batch. Used by the public routes and the WebDAV link space.
 */
public final class CountedAnswers {
    private final Executor answers;

    /** @param answers where answers that waited are sent from (the server's pool) */
    public CountedAnswers(Executor answers) {
        this.answers = answers;
    }

    /** What a route does with the result of its counted use case. */
    @FunctionalInterface
    public interface Answer<T> {
        void send(T result) throws Exception;
    }

    public <T> void answer(Context ctx, CompletionStage<T> counted, Answer<T> answer) throws Exception {
        CompletableFuture<T> done = counted.toCompletableFuture();
        if (done.isDone()) {
            answer.send(join(done));
            return;
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        done.whenComplete((result, failure) -> answers.execute(() -> {
            try {
                if (failure != null) {
                    throw unwrapped(failure);
                }
                answer.send(result);
                sent.complete(null);
            } catch (Exception e) {
                sent.completeExceptionally(e);
            }
        }));
        ctx.future(() -> sent);
    }

    private static <T> T join(CompletableFuture<T> done) throws Exception {
        try {
            return done.join();
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
    }

    /** The use case's own exception, for the problem mapping (Error and the like pass as they are). */
    private static Exception unwrapped(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof Exception e) {
            return e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
