package dev.sharebridge.application.port.out.persistence;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** A {@link ShareRepository} in memory for use-case tests; it passes {@link ShareRepositoryContract}. */
public final class InMemoryShareRepository implements ShareRepository {
    private static final Comparator<Share> NEWEST_FIRST = Comparator.comparing(Share::createdAt)
            .thenComparing(s -> s.id().toString()).reversed();

    private final Map<ShareId, Share> shares = new LinkedHashMap<>();

    @Override
    public synchronized void insert(Share share) {
        if (shares.containsKey(share.id()) || findByToken(share.token()).isPresent()) {
            throw new IllegalStateException("share " + share.id() + " conflicts with a stored share");
        }
        if (share.parentId().isPresent() && !shares.containsKey(share.parentId().get())) {
            throw new IllegalStateException("the parent of share " + share.id() + " does not exist");
        }
        // like a database: millisecond precision
        shares.put(share.id(), new Share(share.id(), share.itemPath(), share.itemType(), share.roomId(), share.token(),
                share.passwordHash(), share.expiresAt().map(InMemoryShareRepository::millis), share.permissions(),
                share.label(), share.maxAccesses(), share.accessCount(),
                share.lastAccessedAt().map(InMemoryShareRepository::millis), millis(share.createdAt()),
                share.createdBy(), share.parentId()));
    }

    @Override
    public synchronized Optional<Share> findById(ShareId id) {
        return Optional.ofNullable(shares.get(id));
    }

    @Override
    public synchronized Optional<Share> findByToken(ShareToken token) {
        return shares.values().stream().filter(s -> s.token().equals(token)).findFirst();
    }

    @Override
    public synchronized SharePage listByOwner(UserId owner, Optional<ItemPath> item, int limit, Optional<String> cursor) {
        if (limit < 1) {
            throw new InvalidValueException("limit", "limit must be at least 1");
        }
        Optional<Position> after = cursor.map(Position::decode);
        List<Share> rows = shares.values().stream()
                .filter(userSpaceOf(owner))
                .filter(s -> item.isEmpty() || s.itemPath().equals(item.get()))
                .sorted(NEWEST_FIRST)
                .filter(s -> after.isEmpty() || after.get().precedes(s))
                .limit(limit + 1L)
                .toList();
        if (rows.size() <= limit) {
            return new SharePage(rows, Optional.empty());
        }
        List<Share> page = rows.subList(0, limit);
        return new SharePage(page, Optional.of(Position.after(page.get(limit - 1)).encode()));
    }

    @Override
    public synchronized List<Share> findByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return shares.values().stream().filter(userSpaceOf(owner)).filter(s -> s.itemPath().startsWith(path)).toList();
    }

    @Override
    public synchronized List<Share> findChildren(ShareId parent) {
        return shares.values().stream().filter(s -> s.parentId().equals(Optional.of(parent))).toList();
    }

    @Override
    public synchronized boolean update(Share share) {
        Share stored = shares.get(share.id());
        if (stored == null) {
            return false;
        }
        shares.put(share.id(), stored.withPasswordHash(share.passwordHash())
                .withExpiresAt(share.expiresAt().map(InMemoryShareRepository::millis))
                .withPermissions(share.permissions())
                .withLabel(share.label())
                .withMaxAccesses(share.maxAccesses()));
        return true;
    }

    @Override
    public synchronized boolean recordAccess(ShareId id, Instant now) {
        Share s = shares.get(id);
        Instant at = millis(now);
        if (s == null || s.isExhausted() || s.isExpired(at)) {
            return false;
        }
        shares.put(id, new Share(s.id(), s.itemPath(), s.itemType(), s.roomId(), s.token(), s.passwordHash(),
                s.expiresAt(), s.permissions(), s.label(), s.maxAccesses(), s.accessCount() + 1, Optional.of(at),
                s.createdAt(), s.createdBy(), s.parentId()));
        return true;
    }

    @Override
    public synchronized int deleteWithDescendants(ShareId id) {
        return deleteWithDescendants(s -> s.id().equals(id));
    }

    @Override
    public synchronized int deleteByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return deleteWithDescendants(userSpaceOf(owner).and(s -> s.itemPath().startsWith(path)));
    }

    @Override
    public synchronized int deleteByOwner(UserId owner) {
        return deleteWithDescendants(s -> s.createdBy().equals(owner));
    }

    @Override
    public synchronized int deleteByRoom(RoomId room) {
        return deleteWithDescendants(s -> s.roomId().equals(Optional.of(room)));
    }

    private int deleteWithDescendants(Predicate<Share> roots) {
        Set<ShareId> doomed = new HashSet<>();
        Deque<ShareId> todo = new ArrayDeque<>();
        shares.values().stream().filter(roots).forEach(s -> todo.add(s.id()));
        while (!todo.isEmpty()) {
            ShareId next = todo.pop();
            if (doomed.add(next)) {
                shares.values().stream().filter(s -> s.parentId().equals(Optional.of(next))).forEach(s -> todo.add(s.id()));
            }
        }
        shares.keySet().removeAll(doomed);
        return doomed.size();
    }

    private static Predicate<Share> userSpaceOf(UserId owner) {
        return s -> s.createdBy().equals(owner) && s.roomId().isEmpty();
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /** A listing position: the (created_at, id) of the last share handed out; {@link #precedes} follows NEWEST_FIRST. */
    private record Position(Instant createdAt, String id) {
        boolean precedes(Share s) {
            int byTime = s.createdAt().compareTo(createdAt);
            return byTime < 0 || (byTime == 0 && s.id().toString().compareTo(id) < 0);
        }

        String encode() {
            String plain = createdAt.toEpochMilli() + "." + id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Position after(Share s) {
            return new Position(s.createdAt(), s.id().toString());
        }

        static Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\.", -1);
                if (parts.length == 2 && ShareId.parse(parts[1]).isPresent()) {
                    Position p = new Position(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1]);
                    if (p.encode().equals(cursor)) {
                        return p;
                    }
                }
            } catch (IllegalArgumentException e) {
                // not base64url or not a number: a foreign cursor like any other
            }
            throw new InvalidValueException("cursor", "cursor is not one this listing handed out");
        }
    }
}
