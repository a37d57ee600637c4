package dev.sharebridge.application.port.out.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One budget: at most {@code limit} attempts per key in any sliding window. Keys are whatever the
 * caller counts by (a client address, a link); an implementation that stores them outside the
 * process keeps a digest only, never a key itself.
 *
 * <p>{@link #take} is the one authoritative, atomic operation: among any number of concurrent
 * callers on any instance, at most {@code limit} attempts of a key are taken in any window.
 * {@link #blocked} is the cheap check in front of it and may answer from what this instance has
 * learnt: a key blocked through another instance may look free here until its next
 * {@link #take} here is refused.
 */
public interface FailureBudget {

    /**
     * How long {@code key} must wait, when it is known here to have used its budget at
     * {@code now}. Writes nothing and, in a shared implementation, reads nothing either.
     */
    Optional<Duration> blocked(String key, Instant now);

    /** The attempts {@code key} has in the window at {@code now} (a read, for answer delays). */
    int count(String key, Instant now);

    /** Takes one attempt for {@code key} unless the key has used its budget. Atomic. */
    Take take(String key, Instant now);

    /** Gives back the latest attempt of {@code key} (one that turned out not to be a failure). */
    void giveBack(String key);

    /** Forgets every attempt of {@code key} (a success that proves the client is no guesser). */
    void reset(String key);

    /** What {@link #take} did. */
    sealed interface Take {
        /** The attempt is counted; {@code total} attempts of the key are in the window now. */
        record Taken(int total) implements Take {}

        /** The key has used its budget; it is free again in {@code retryAfter} (whole seconds, at least 1). */
        record Refused(Duration retryAfter) implements Take {}
    }
}
