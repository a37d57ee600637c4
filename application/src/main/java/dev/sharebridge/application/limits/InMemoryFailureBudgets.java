package dev.sharebridge.application.limits;

import dev.sharebridge.application.port.out.limits.FailureBudget;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link FailureBudgets} in this process's memory: exact sliding windows, nothing written anywhere,
 * and nothing shared with another process. For one server instance (H2) and for embedding
 * applications; several instances on one database need the database's budgets instead.
 *
 * <p>Memory is bounded: each budget remembers at most {@code maxKeys} keys (the least recently
 * used is dropped beyond that) and at most {@code limit} attempts per key.
 */
public final class InMemoryFailureBudgets implements FailureBudgets {
    /** The bound the public routes have always used: memory stays bounded under floods. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private final int maxKeys;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    public InMemoryFailureBudgets() {
        this(DEFAULT_MAX_KEYS);
    }

    /** @param maxKeys keys remembered per budget */
    public InMemoryFailureBudgets(int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1");
        }
        this.maxKeys = maxKeys;
    }

    @Override
    public FailureBudget budget(String name, int limit, Duration window) {
        return budgets.computeIfAbsent(name, n -> new Budget(new SlidingWindowLimiter(limit, window, maxKeys)));
    }

    @Override
    public int removeExpired(Instant now, int max) {
        int removed = 0;
        for (Budget b : budgets.values()) {
            removed += b.limiter.removeExpired(now, max - removed);
        }
        return removed;
    }

    private record Budget(SlidingWindowLimiter limiter) implements FailureBudget {
        @Override
        public Optional<Duration> blocked(String key, Instant now) {
            return limiter.blocked(key, now);
        }

        @Override
        public int count(String key, Instant now) {
            return limiter.count(key, now);
        }

        @Override
        public Take take(String key, Instant now) {
            // one lock around both: the total belongs to this take
            synchronized (limiter) {
                Optional<Duration> wait = limiter.tryAcquire(key, now);
                return wait.<Take>map(Take.Refused::new).orElseGet(() -> new Take.Taken(limiter.count(key, now)));
            }
        }

        @Override
        public void giveBack(String key) {
            limiter.refund(key);
        }

        @Override
        public void reset(String key) {
            limiter.reset(key);
        }
    }
}
