package dev.sharebridge.application.dav;

import dev.sharebridge.application.port.out.dav.DavLockStore;
import dev.sharebridge.application.port.out.dav.DavSpaceKey;
import dev.sharebridge.domain.dav.DavLock;
import dev.sharebridge.domain.item.ItemPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link DavLockStore} in this process's memory: one instance sees its own locks only. */
public final class InMemoryDavLocks implements DavLockStore {
    private final Map<String, Map<String, DavLock>> bySpace = new HashMap<>();

    @Override
    public synchronized List<DavLock> live(DavSpaceKey space, Instant now) {
        Map<String, DavLock> locks = bySpace.get(space.id());
        if (locks == null) {
            return List.of();
        }
        locks.values().removeIf(l -> !l.isLive(now));
        if (locks.isEmpty()) {
            bySpace.remove(space.id());
            return List.of();
        }
        return new ArrayList<>(locks.values());
    }

    @Override
    public synchronized Optional<DavLock> byToken(DavSpaceKey space, String token, Instant now) {
        return live(space, now).stream().filter(l -> l.token().equals(token)).findFirst();
    }

    @Override
    public synchronized boolean lock(DavSpaceKey space, DavLock wanted, Instant now) {
        if (!DavLock.admits(live(space, now), wanted)) {
            return false;
        }
        bySpace.computeIfAbsent(space.id(), s -> new LinkedHashMap<>()).put(wanted.token(), wanted);
        return true;
    }

    @Override
    public synchronized Optional<DavLock> refresh(DavSpaceKey space, String token, Duration timeout, Instant now) {
        Optional<DavLock> lock = byToken(space, token, now);
        lock.ifPresent(l -> bySpace.get(space.id()).put(token, l.refreshed(timeout, now)));
        return lock.map(l -> bySpace.get(space.id()).get(token));
    }

    @Override
    public synchronized boolean unlock(DavSpaceKey space, String token) {
        Map<String, DavLock> locks = bySpace.get(space.id());
        return locks != null && locks.remove(token) != null;
    }

    @Override
    public synchronized void release(DavSpaceKey space, ItemPath path) {
        Map<String, DavLock> locks = bySpace.get(space.id());
        if (locks != null) {
            locks.values().removeIf(l -> l.path().startsWith(path));
        }
    }
}
