package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.quota.SpaceAccounting;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.user.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Used bytes and quotas in maps, for service tests; thread-safe, each call atomic as the
 * database's conditional update is. A link's {@code max_upload_bytes} is read from the shares.
 */
public final class InMemorySpaceAccounting implements SpaceAccounting {
    private final ShareRepository shares;
    private final Map<UserId, Long> used = new HashMap<>();
    private final Map<UserId, OptionalLong> quotas = new HashMap<>();
    private final Map<ShareId, Long> received = new HashMap<>();

    public InMemorySpaceAccounting(ShareRepository shares) {
        this.shares = shares;
    }

    /** A user the accounting knows (as a row in {@code users}). */
    public synchronized void addUser(UserId user) {
        used.putIfAbsent(user, 0L);
        quotas.putIfAbsent(user, OptionalLong.empty());
    }

    @Override
    public synchronized boolean reserve(UserId user, long bytes, long defaultQuota) {
        if (!used.containsKey(user)) {
            return false;
        }
        long quota = quotas.get(user).orElse(defaultQuota);
        long now = used.get(user);
        if (quota != 0 && now + bytes > quota) {
            return false;
        }
        used.put(user, now + bytes);
        return true;
    }

    @Override
    public synchronized void release(UserId user, long bytes) {
        used.computeIfPresent(user, (u, n) -> Math.max(0, n - bytes));
    }

    @Override
    public synchronized boolean reserveLink(ShareId link, long bytes) {
        Optional<Share> share = shares.findById(link);
        if (share.isEmpty()) {
            return false;
        }
        long now = received.getOrDefault(link, 0L);
        Optional<Long> max = share.get().limits().maxUploadBytes();
        if (max.isPresent() && now + bytes > max.get()) {
            return false;
        }
        received.put(link, now + bytes);
        return true;
    }

    @Override
    public synchronized void releaseLink(ShareId link, long bytes) {
        received.computeIfPresent(link, (l, n) -> Math.max(0, n - bytes));
    }

    /** What the link received so far. */
    public synchronized long received(ShareId link) {
        return received.getOrDefault(link, 0L);
    }

    @Override
    public synchronized boolean setQuota(UserId user, OptionalLong quota) {
        if (!used.containsKey(user)) {
            return false;
        }
        quotas.put(user, quota);
        return true;
    }

    @Override
    public synchronized boolean setUsed(UserId user, long bytes) {
        if (!used.containsKey(user)) {
            return false;
        }
        used.put(user, bytes);
        return true;
    }

    @Override
    public synchronized Optional<Usage> usage(UserId user) {
        return used.containsKey(user) ? Optional.of(new Usage(used.get(user), quotas.get(user))) : Optional.empty();
    }
}
