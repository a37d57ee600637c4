package dev.sharebridge.application.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts events per key in a sliding time window and says when a key has had enough. Time comes
 * from the caller (a clock), so nothing sleeps. Memory is bounded: a key keeps at most
 * {@code limit} timestamps, and beyond {@code maxKeys} keys the least recently used one is
 * dropped.
 */
final class SlidingWindowLimiter {
    private final int limit;
    private final Duration window;
    private final int maxKeys;
    private final LinkedHashMap<String, ArrayDeque<Instant>> events;

    SlidingWindowLimiter(int limit, Duration window, int maxKeys) {
        this.limit = limit;
        this.window = window;
        this.maxKeys = maxKeys;
        this.events = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** How long {@code key} must wait, when it has reached the limit at {@code now}. */
    synchronized Optional<Duration> blocked(String key, Instant now) {
        ArrayDeque<Instant> q = events.get(key);
        if (q == null) {
            return Optional.empty();
        }
        prune(q, now);
        if (q.size() < limit) {
            return Optional.empty();
        }
        // the key is free again when its oldest event in the window leaves it
        Duration wait = Duration.between(now, q.peekFirst().plus(window));
        return Optional.of(roundUpToSeconds(wait));
    }

    /** How many events {@code key} has in the window at {@code now}. */
    synchronized int count(String key, Instant now) {
        ArrayDeque<Instant> q = events.get(key);
        if (q == null) {
            return 0;
        }
        prune(q, now);
        return q.size();
    }

    /** Records one event unless the key is blocked; returns the wait when it is. Atomic. */
    synchronized Optional<Duration> tryAcquire(String key, Instant now) {
        Optional<Duration> wait = blocked(key, now);
        if (wait.isEmpty()) {
            record(key, now);
        }
        return wait;
    }

    synchronized void record(String key, Instant now) {
        ArrayDeque<Instant> q = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(q, now);
        q.addLast(now);
        while (q.size() > limit) {
            q.removeFirst();
        }
        evict();
    }

    /** Takes back the latest event of {@code key} (an attempt that turned out not to count). */
    synchronized void refund(String key) {
        ArrayDeque<Instant> q = events.get(key);
        if (q != null) {
            q.pollLast();
            if (q.isEmpty()) {
                events.remove(key);
            }
        }
    }

    synchronized void reset(String key) {
        events.remove(key);
    }

    /** Forgets at most {@code max} keys whose events have all left the window. @return how many */
    synchronized int removeExpired(Instant now, int max) {
        int removed = 0;
        Iterator<ArrayDeque<Instant>> it = events.values().iterator();
        while (removed < max && it.hasNext()) {
            ArrayDeque<Instant> q = it.next();
            prune(q, now);
            if (q.isEmpty()) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    synchronized int size() {
        return events.size();
    }

    private void prune(ArrayDeque<Instant> q, Instant now) {
        Instant horizon = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(horizon)) {
            q.removeFirst();
        }
    }

    private void evict() {
        // iteration runs from least to most recently used: the quietest keys go first
        Iterator<Map.Entry<String, ArrayDeque<Instant>>> it = events.entrySet().iterator();
        while (events.size() > maxKeys && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static Duration roundUpToSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
