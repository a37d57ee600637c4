package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.domain.item.ItemPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The WebDAV write locks (exclusive and shared, depth 0 or infinity, with a timeout), by space,
 * kept in this process's memory: enough for one instance, where Finder and Windows lock a file
 * while they write it. Several instances behind one address would each see their own locks only
 * (a table is the next step; docs/webdav.md). A lock protects a path of a space (a user's, or a link's): its
 * members too at depth infinity.
 */
final class DavLocks {
    /** The longest a lock lasts without a refresh, whatever the client asks for. */
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** Locks per space at once; a LOCK beyond it is refused. */
    static final int MAX_LOCKS_PER_USER = 1000;

    private final Clock clock;
    private final Map<String, Map<String, Lock>> bySpace = new LinkedHashMap<>();

    DavLocks(Clock clock) {
        this.clock = clock;
    }

    /** One lock. {@code owner} is the client's {@code DAV:owner} content as XML text. */
    record Lock(
            String token,
            ItemPath path,
            boolean exclusive,
            boolean infinite,
            String owner,
            Duration timeout,
            Instant expires) {
        boolean covers(ItemPath p) {
            return p.equals(path) || (infinite && p.startsWith(path));
        }

        Duration remaining(Instant now) {
            Duration d = Duration.between(now, expires);
            return d.isNegative() ? Duration.ZERO : d;
        }
    }

    /** The live locks that cover {@code path}. */
    synchronized List<Lock> covering(String key, ItemPath path) {
        return live(key).stream().filter(l -> l.covers(path)).toList();
    }

    /** The live locks on {@code path} or below it (what a DELETE or MOVE of it affects). */
    synchronized List<Lock> atOrBelow(String key, ItemPath path) {
        return live(key).stream().filter(l -> l.path().startsWith(path)).toList();
    }

    synchronized Optional<Lock> byToken(String key, String token) {
        live(key);
        return Optional.ofNullable(bySpace.getOrDefault(key, Map.of()).get(token));
    }

    /**
     * Makes a lock unless one that conflicts with it exists: any lock when either is exclusive,
     * on the path, above it at depth infinity, or (for a lock of depth infinity) below it.
     */
    synchronized Optional<Lock> lock(
            String key, ItemPath path, boolean exclusive, boolean infinite, String owner, Duration timeout) {
        Collection<Lock> existing = live(key);
        for (Lock l : existing) {
            boolean overlaps = l.covers(path) || (infinite && l.path().startsWith(path));
            if (overlaps && (exclusive || l.exclusive())) {
                return Optional.empty();
            }
        }
        if (existing.size() >= MAX_LOCKS_PER_USER) {
            return Optional.empty();
        }
        Duration t = timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
        Lock lock = new Lock(
                "urn:uuid:" + UUID.randomUUID(),
                path,
                exclusive,
                infinite,
                owner,
                t,
                clock.instant().plus(t));
        bySpace.computeIfAbsent(key, u -> new LinkedHashMap<>()).put(lock.token(), lock);
        return Optional.of(lock);
    }

    /** Extends a lock by its timeout (or the new one asked for). */
    synchronized Lock refresh(String key, Lock lock, Optional<Duration> timeout) {
        Duration t = timeout.orElse(lock.timeout());
        t = t.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : t;
        Lock renewed = new Lock(
                lock.token(),
                lock.path(),
                lock.exclusive(),
                lock.infinite(),
                lock.owner(),
                t,
                clock.instant().plus(t));
        bySpace.computeIfAbsent(key, u -> new LinkedHashMap<>()).put(lock.token(), renewed);
        return renewed;
    }

    synchronized boolean unlock(String key, String token) {
        Map<String, Lock> locks = bySpace.get(key);
        return locks != null && locks.remove(token) != null;
    }

    /** Ends the locks on {@code path} and below (the item is gone from there). */
    synchronized void release(String key, ItemPath path) {
        Map<String, Lock> locks = bySpace.get(key);
        if (locks != null) {
            locks.values().removeIf(l -> l.path().startsWith(path));
        }
    }

    Instant now() {
        return clock.instant();
    }

    private List<Lock> live(String key) {
        Map<String, Lock> locks = bySpace.get(key);
        if (locks == null) {
            return List.of();
        }
        Instant now = clock.instant();
        locks.values().removeIf(l -> !l.expires().isAfter(now));
        if (locks.isEmpty()) {
            bySpace.remove(key);
            return List.of();
        }
        return new ArrayList<>(locks.values());
    }
}
