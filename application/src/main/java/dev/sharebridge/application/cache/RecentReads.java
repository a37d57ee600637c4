package dev.sharebridge.application.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What a port answered recently, kept for at most {@code maxStaleness} so that one thing asked
 * for by many at once (a link shared with a crowd) is read once per that time, not on every
 * request. For the decorators of ports whose reads are a large part of a request's cost
 * ({@link RecentShareReads}, {@link RecentStatsStorage}): the share row by token and the shared
 * file's metadata were two fifths of a public open's CPU time (docs/performance.md).
 *
 * <p>Every change made through the decorator ends every entry at once: the decorator makes it
 * through {@link #change} (or calls {@link #changed()} after it). A value read before a change is
 * never used after it, however the two race: a read through {@link #get(Object, Step)} takes a
 * {@link Ticket} before it starts, and a value whose ticket predates the last change is neither
 * kept nor answered. Changes made elsewhere (another process
 * on the same database or folder) are seen after at most {@code maxStaleness}, counted from
 * before the read, or as soon as the decorator hears of them and calls {@link #changedElsewhere()}.
 * While {@link #pause() paused} (the channel that tells of changes elsewhere is down) nothing is
 * kept or answered. Bounded: when full it starts over, which costs one read per key.
 *
 * @param <K> what a value is looked up by
 * @param <V> the value; immutable
 */
public final class RecentReads<K, V> {
    /** Bounds memory (a few MiB at most). */
    public static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(V value, long generation, long readAt) {}

    /** The state before a read: the change it comes after and when it began. */
    record Ticket(long generation, long readAt) {}

    /**
     * How often {@link #get} answered from a kept value ({@code hits}) or not ({@code misses}), while
     * enabled, and how often everything was forgotten for a change made elsewhere ({@code
     * invalidations}).
     */
    public record Stats(long hits, long misses, long invalidations) {}

    private final long maxStalenessNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong generation = new AtomicLong();
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder invalidations = new LongAdder();
    private volatile boolean paused;

    /**
     * @param maxStaleness {@link Duration#ZERO} keeps nothing
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public RecentReads(Duration maxStaleness, LongSupplier nanoTime) {
        if (maxStaleness.isNegative()) {
            throw new IllegalArgumentException("maxStaleness must not be negative");
        }
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The value read for {@code key} less than {@code maxStaleness} ago and after the last change. */
    Optional<V> get(K key) {
        if (maxStalenessNanos == 0) {
            return Optional.empty();
        }
        if (paused) {
            misses.increment();
            return Optional.empty();
        }
        Entry<V> e = entries.get(key);
        if (e == null || e.generation != generation.get() || nanoTime.getAsLong() - e.readAt >= maxStalenessNanos) {
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(e.value);
    }

    /** Hits and misses so far (for metrics); both stay 0 while nothing is kept. */
    public Stats stats() {
        return new Stats(hits.sum(), misses.sum(), invalidations.sum());
    }

    /** To be taken right before a read whose result may be {@link #put}. */
    Ticket ticket() {
        return new Ticket(generation.get(), nanoTime.getAsLong());
    }

    /** Keeps {@code value}, read for {@code key} after {@code ticket} was taken, unless a change came between. */
    void put(Ticket ticket, K key, V value) {
        if (maxStalenessNanos == 0 || paused || ticket.generation != generation.get()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, ticket.generation, ticket.readAt));
    }

    /** After any change: every value kept so far may be out of date. */
    public void changed() {
        generation.incrementAndGet();
        entries.clear();
    }

    /** After a change made elsewhere, of which the decorator was told: as {@link #changed()}, counted. */
    public void changedElsewhere() {
        invalidations.increment();
        changed();
    }

    /**
     * Keeps and answers nothing until {@link #resume()}: changes made elsewhere may go unheard. A
     * read already under way when this is called is not kept either (its ticket is older).
     */
    public void pause() {
        paused = true;
        changed();
    }

    /** Keeps again, from nothing: changes made elsewhere while paused are unknown. */
    public void resume() {
        changed();
        paused = false;
    }

    /** A read or a change of the port, which may fail with its own exception. */
    @FunctionalInterface
    public interface Step<T, E extends Exception> {
        T run() throws E;
    }

    /** The value kept for {@code key}, or else {@code read}'s result, which is then kept. */
    public <E extends Exception> V get(K key, Step<V, E> read) throws E {
        return get(key, read, value -> true);
    }

    /**
     * The value kept for {@code key}, or else {@code read}'s result, which is then kept when
     * {@code keep} allows (values that must be read every time are not).
     */
    public <E extends Exception> V get(K key, Step<V, E> read, Predicate<? super V> keep) throws E {
        Optional<V> kept = get(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        Ticket ticket = ticket();
        V value = read.run();
        if (keep.test(value)) {
            put(ticket, key, value);
        }
        return value;
    }

    /** Runs a change and then ends every kept value, also when the change failed halfway. */
    public <T, E extends Exception> T change(Step<T, E> change) throws E {
        try {
            return change.run();
        } finally {
            changed();
        }
    }
}
