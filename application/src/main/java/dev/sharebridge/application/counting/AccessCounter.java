package dev.sharebridge.application.counting;

import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes the counting UPDATE off the public open path for links without {@code max_accesses}:
 * their accesses are added up in memory and written in one UPDATE per link every round
 * ({@link BatchedAccessCounts#ROUND}), and before any read that shows the count (when
 * {@link BatchedAccessCounts} asks). Links with a limit are always counted in the database, so
 * the limit stays exact under any concurrency, also across servers.
 *
 * <p>An access is counted here only when the rows last read for the link and every link it was
 * reshared from said "no limit" and the access happens before the expiry in each; the open path
 * looks the rows up right before it counts, so a limit or expiry set meanwhile is seen: at once
 * when set through the repository, within the row cache's {@code maxStaleness} when set by
 * another server.
 */
final class AccessCounter implements AutoCloseable {
    /** Bounds the memory of remembered links; forgetting only sends a count to the database. */
    static final int MAX_REMEMBERED = 10_000;

    private static final long NEVER = Long.MAX_VALUE;

    /** Counts not yet written: how many and the latest access time (epoch millis). */
    record Pending(long count, long last) {
        Pending plus(Pending other) {
            return new Pending(count + other.count, Math.max(last, other.last));
        }
    }

    /** Writes a batch for one link. */
    interface Sink {
        void add(ShareId id, long count, long last);

        /**
         * Writes the batches of several links, by default one by one, removing each from
         * {@code batches} once it is written: what is left when it throws was not written.
         */
        default void addAll(Map<ShareId, Pending> batches) {
            for (Iterator<Map.Entry<ShareId, Pending>> i = batches.entrySet().iterator(); i.hasNext(); ) {
                Map.Entry<ShareId, Pending> batch = i.next();
                add(batch.getKey(), batch.getValue().count(), batch.getValue().last());
                i.remove();
            }
        }
    }

    private final Sink sink;
    private final Map<ShareId, Long> unlimited = new ConcurrentHashMap<>();
    private final Map<ShareId, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    /** Held while counts taken out of {@link #pending} are being written, so a read waits for them. */
    private final ReentrantLock flushing = new ReentrantLock();

    /** @param round how long counts may wait in memory before a round writes them */
    AccessCounter(Sink sink, Duration round) {
        this.sink = sink;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sharebridge-access-counter");
            t.setDaemon(true);
            return t;
        });
        long millis = round.toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Remembers what a freshly read row says about counting its link. */
    void learn(Share share) {
        ShareId id = share.id();
        if (share.maxAccesses().isPresent()) {
            unlimited.remove(id);
            return;
        }
        if (unlimited.size() >= MAX_REMEMBERED) {
            unlimited.clear();
        }
        unlimited.put(id, share.expiresAt().map(e -> e.toEpochMilli()).orElse(NEVER));
    }

    /**
     * Counts an access against each of {@code ids} (a link and the links it was reshared from) in
     * memory when the rows last read for all of them allow it: none has a limit, none has expired.
     * Otherwise counts nothing and the caller asks the database.
     */
    boolean tryCount(List<ShareId> ids, long now) {
        for (ShareId id : ids) {
            Long expiresAt = unlimited.get(id);
            if (expiresAt == null || now >= expiresAt) {
                return false;
            }
        }
        for (ShareId id : ids) {
            pending.merge(id, new Pending(1, now), Pending::plus);
        }
        return true;
    }

    /** Forgets every remembered row (after an update or delete, so the next count asks again). */
    void forgetAll() {
        unlimited.clear();
    }

    /**
     * Writes what is pending for one link; returns once nothing counted before the call is
     * unwritten, also when a round of {@link #flush()} had taken it and was still writing it.
     */
    void flush(ShareId id) {
        flushing.lock();
        try {
            Optional.ofNullable(pending.remove(id)).ifPresent(p -> write(id, p));
        } finally {
            flushing.unlock();
        }
    }

    /**
     * Writes what is pending for any of {@code ids}, before they are counted exactly: a limit set
     * elsewhere (another instance) after accesses counted here in memory must see them.
     */
    void flushPending(List<ShareId> ids) {
        for (ShareId id : ids) {
            if (pending.containsKey(id)) {
                flush(id);
            }
        }
    }

    /** Writes everything pending, in one call of the sink. */
    void flush() {
        flushing.lock();
        try {
            // in one order on every server, which is the order the links are written in
            Map<ShareId, Pending> batches = new TreeMap<>(Comparator.comparing(ShareId::value));
            for (ShareId id : pending.keySet()) {
                Optional.ofNullable(pending.remove(id)).ifPresent(p -> batches.put(id, p));
            }
            if (batches.isEmpty()) {
                return;
            }
            try {
                sink.addAll(batches);
            } catch (RuntimeException e) {
                // keep the counts not written for the next round rather than lose them
                batches.forEach((id, p) -> pending.merge(id, p, Pending::plus));
                throw e;
            }
        } finally {
            flushing.unlock();
        }
    }

    private void write(ShareId id, Pending p) {
        try {
            sink.add(id, p.count(), p.last());
        } catch (RuntimeException e) {
            // keep the counts for the next round rather than lose them
            pending.merge(id, p, Pending::plus);
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            // the database is away for now; the counts wait in memory for the next round
        }
    }

    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushQuietly();
    }
}
