package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.persistence.LinkAccess;
import dev.sharebridge.application.port.out.persistence.SharePage;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Share links in a map, honouring every promise of {@link ShareRepository} (atomic methods via one
 * lock, exact conditional access counting, keyset paging by (created_at desc, id desc)).
 */
public final class InMemoryShareRepository implements ShareRepository {
    /** Newest first; ids compare as their canonical text, which orders like the database's bytes. */
    private static final Comparator<Share> NEWEST_FIRST = Comparator.comparing(Share::createdAt)
            .thenComparing(s -> s.id().toString())
            .reversed();

    private final Map<ShareId, Share> shares = new LinkedHashMap<>();
    private int recordAccessCalls;
    private int findByTokenCalls;
    private RuntimeException moveFailure;

    @Override
    public synchronized void insert(Share share) {
        if (shares.containsKey(share.id())) {
            throw new IllegalStateException("share id taken");
        }
        if (shares.values().stream().anyMatch(s -> s.token().equals(share.token()))) {
            throw new IllegalStateException("share token taken");
        }
        if (share.parentId().isPresent() && !shares.containsKey(share.parentId().get())) {
            throw new IllegalStateException("the parent share is gone"); // the database's foreign key
        }
        shares.put(share.id(), share);
    }

    @Override
    public synchronized Optional<Share> findById(ShareId id) {
        return Optional.ofNullable(shares.get(id));
    }

    @Override
    public synchronized List<Share> findAncestors(Share link) {
        List<Share> ancestors = new ArrayList<>();
        Optional<ShareId> parent = link.parentId();
        while (parent.isPresent() && ancestors.size() < LinkChain.MAX_LENGTH - 1 && shares.containsKey(parent.get())) {
            Share p = shares.get(parent.get());
            ancestors.add(p);
            parent = p.parentId();
        }
        return ancestors;
    }

    @Override
    public synchronized Optional<Share> findByToken(ShareToken token) {
        findByTokenCalls++;
        return shares.values().stream().filter(s -> s.token().equals(token)).findFirst();
    }

    @Override
    public synchronized SharePage listByOwner(
            UserId owner, Optional<ItemPath> item, int limit, Optional<String> cursor) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit < 1");
        }
        Optional<Share> after = cursor.map(InMemoryShareRepository::decodeCursor);
        List<Share> matching = shares.values().stream()
                .filter(s -> s.createdBy().equals(owner) && !s.isRoomLink())
                .filter(s -> item.isEmpty() || s.itemPath().equals(item.get()))
                .sorted(NEWEST_FIRST)
                .filter(s -> after.isEmpty() || NEWEST_FIRST.compare(s, after.get()) > 0)
                .toList();
        List<Share> page = matching.subList(0, Math.min(limit, matching.size()));
        Optional<String> next =
                matching.size() > limit ? Optional.of(encodeCursor(page.get(page.size() - 1))) : Optional.empty();
        return new SharePage(page, next);
    }

    @Override
    public synchronized List<Share> findByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return shares.values().stream().filter(userSpaceBelow(owner, path)).toList();
    }

    @Override
    public synchronized List<Share> findChildren(ShareId parent) {
        return shares.values().stream()
                .filter(s -> s.parentId().equals(Optional.of(parent)))
                .toList();
    }

    @Override
    public synchronized boolean update(Share share) {
        Share old = shares.get(share.id());
        if (old == null) {
            return false;
        }
        // only the mutable fields change; identity, counters and lineage stay as stored
        shares.put(
                share.id(),
                new Share(
                        old.id(),
                        old.itemPath(),
                        old.itemType(),
                        old.roomId(),
                        old.token(),
                        share.passwordHash(),
                        share.expiresAt(),
                        share.permissions(),
                        share.label(),
                        share.maxAccesses(),
                        old.accessCount(),
                        old.lastAccessedAt(),
                        old.createdAt(),
                        old.createdBy(),
                        old.parentId(),
                        old.limits()));
        return true;
    }

    /** One access after the other, under the one lock: the batch is atomic as the port asks. */
    @Override
    public synchronized List<Boolean> recordAccesses(List<LinkAccess> accesses) {
        List<Boolean> granted = new ArrayList<>(accesses.size());
        for (LinkAccess access : accesses) {
            granted.add(countOne(access.chain(), access.at()));
        }
        return granted;
    }

    private boolean countOne(LinkChain chain, Instant now) {
        recordAccessCalls++;
        List<Share> stored = new ArrayList<>();
        for (Share link : chain.links()) {
            Share s = shares.get(link.id());
            if (s == null || s.isExpired(now) || s.isExhausted()) {
                return false;
            }
            stored.add(s);
        }
        for (Share s : stored) {
            shares.put(
                    s.id(),
                    new Share(
                            s.id(),
                            s.itemPath(),
                            s.itemType(),
                            s.roomId(),
                            s.token(),
                            s.passwordHash(),
                            s.expiresAt(),
                            s.permissions(),
                            s.label(),
                            s.maxAccesses(),
                            s.accessCount() + 1,
                            s.lastAccessedAt().filter(at -> at.isAfter(now)).or(() -> Optional.of(now)),
                            s.createdAt(),
                            s.createdBy(),
                            s.parentId(),
                            s.limits()));
        }
        return true;
    }

    @Override
    public synchronized int deleteWithDescendants(ShareId id) {
        return shares.containsKey(id) ? deleteAll(List.of(id)) : 0;
    }

    @Override
    public synchronized int deleteByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return deleteAll(ids(userSpaceBelow(owner, path)));
    }

    /**
     * Deletes the links on {@code to} and below, then rewrites those on {@code from} and below,
     * or (with {@link #failMoves}) throws and changes nothing.
     */
    @Override
    public synchronized int moveByOwnerAndPathPrefix(UserId owner, ItemPath from, ItemPath to) {
        return moveByOwnerAndPathPrefix(owner, from, to, true);
    }

    /** As {@link #moveByOwnerAndPathPrefix}; without {@code clearDestination} the links on {@code to} stay. */
    public synchronized int moveByOwnerAndPathPrefix(
            UserId owner, ItemPath from, ItemPath to, boolean clearDestination) {
        if (moveFailure != null) {
            throw moveFailure;
        }
        if (clearDestination) {
            deleteAll(ids(userSpaceBelow(owner, to)));
        }
        List<Share> moving =
                shares.values().stream().filter(userSpaceBelow(owner, from)).toList();
        for (Share s : moving) {
            shares.put(s.id(), s.withItemPath(s.itemPath().movedTo(from, to)));
        }
        return moving.size();
    }

    /** Makes every later {@link #moveByOwnerAndPathPrefix} throw {@code failure} (null: work again). */
    public synchronized void failMoves(RuntimeException failure) {
        this.moveFailure = failure;
    }

    @Override
    public synchronized int deleteByOwner(UserId owner) {
        return deleteAll(ids(s -> s.createdBy().equals(owner)));
    }

    @Override
    public synchronized int deleteByRoom(RoomId room) {
        return deleteAll(ids(s -> s.roomId().equals(Optional.of(room))));
    }

    /** How often a share was looked up by token. */
    public synchronized int findByTokenCalls() {
        return findByTokenCalls;
    }

    /** How many accesses were counted or refused (to prove which routes count). */
    public synchronized int recordAccessCalls() {
        return recordAccessCalls;
    }

    public synchronized int size() {
        return shares.size();
    }

    private static Predicate<Share> userSpaceBelow(UserId owner, ItemPath path) {
        return s ->
                s.createdBy().equals(owner) && !s.isRoomLink() && s.itemPath().startsWith(path);
    }

    private List<ShareId> ids(Predicate<Share> p) {
        return shares.values().stream().filter(p).map(Share::id).toList();
    }

    private int deleteAll(List<ShareId> roots) {
        Set<ShareId> doomed = new LinkedHashSet<>();
        Deque<ShareId> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            ShareId id = todo.pop();
            if (doomed.add(id)) {
                for (Share s : shares.values()) {
                    if (s.parentId().equals(Optional.of(id))) {
                        todo.push(s.id());
                    }
                }
            }
        }
        int n = 0;
        for (ShareId id : doomed) {
            if (shares.remove(id) != null) {
                n++;
            }
        }
        return n;
    }

    private static String encodeCursor(Share last) {
        String raw = last.createdAt().getEpochSecond() + ":" + last.createdAt().getNano() + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** A probe share carrying only the cursor's sort key. */
    private static Share decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split(":", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            ShareId id = ShareId.parse(parts[2]).orElseThrow(IllegalArgumentException::new);
            return new Share(
                    id,
                    ItemPath.of("cursor"),
                    ItemType.FILE,
                    Optional.empty(),
                    ShareToken.parse("A".repeat(ShareToken.LENGTH)).orElseThrow(),
                    Optional.empty(),
                    Optional.empty(),
                    SharePermissions.DEFAULT,
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    Optional.empty(),
                    createdAt,
                    new UserId("cursor"),
                    Optional.empty());
        } catch (RuntimeException e) {
            throw new InvalidValueException(Field.CURSOR, "not a cursor of this listing");
        }
    }

    /** Every stored share, for assertions. */
    public synchronized List<Share> all() {
        return new ArrayList<>(shares.values());
    }
}
