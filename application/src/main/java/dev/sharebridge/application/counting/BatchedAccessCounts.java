package dev.sharebridge.application.counting;

import dev.sharebridge.application.port.out.persistence.CountedAccesses;
import dev.sharebridge.application.port.out.persistence.SharePage;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Any {@link ShareRepository} whose opens of links without {@code max_accesses} are counted in
 * memory and added to the stored rows later, in one {@link ShareRepository#addAccesses} per
 * round ({@link AccessCounter}): every {@link #ROUND} on a thread of its own, before every read that shows a count ({@link #findById}, {@link #listByOwner},
 * {@link #findByOwnerAndPathPrefix}, {@link #findChildren}), before every change, and on
 * {@link #close()}. The open path of a busy link then writes nothing; a link with a limit (in
 * itself or any link it was reshared from) is counted by the repository's exact
 * {@link ShareRepository#recordAccess}, so limits hold under any concurrency, across servers too.
 *
 * <p>What it counts in memory it learns from the rows the open path reads right before it counts
 * ({@link #findByToken}, {@link #findAncestors}): an access is counted here only when the rows last
 * read for the link and every link above it said "no limit" and the access is before each one's
 * expiry. Every change through this repository forgets what was learnt, so a limit or an expiry
 * set here is obeyed from the next open on; one set by another process, once the open path reads
 * the row again, and the opens counted here in memory before it are written before the first
 * exact count, so that they count against it. The two reads of the open path do not wait for pending counts: the counts of
 * unlimited links in their rows may lag by a round, and nothing the public routes answer shows
 * them. A process killed outright loses at most one round of counts; {@link #close()} writes them.
 *
 * <p>Where it goes in the stack: directly on the database's repository, below the row cache
 * ({@code application.cache.RecentShareReads}). Counting needs the rows as the database last
 * gave them (a cache below it would hand it rows up to the cache's staleness older), the cache
 * needs to see no count (the counts in its rows lag anyway), and a change passed down through
 * the cache reaches this class, which writes what is pending before the change. Close it before
 * the database it writes to.
 */
public final class BatchedAccessCounts implements ShareRepository, AutoCloseable {
    /** How long counts wait in memory at most, unless a read that shows them comes first. */
    public static final Duration ROUND = Duration.ofMillis(200);

    private final ShareRepository shares;
    private final AccessCounter counter;

    /** Writes a round every {@link #ROUND}. */
    public BatchedAccessCounts(ShareRepository shares) {
        this(shares, ROUND);
    }

    /** @param round how long counts may wait in memory (tests take longer ones, to see them wait) */
    public BatchedAccessCounts(ShareRepository shares, Duration round) {
        this.shares = Objects.requireNonNull(shares, "shares");
        if (round.isNegative() || round.isZero()) {
            throw new IllegalArgumentException("round must be positive");
        }
        this.counter = new AccessCounter(
                new AccessCounter.Sink() {
                    @Override
                    public void add(ShareId id, long count, long last) {
                        Map<ShareId, CountedAccesses> one = new HashMap<>(2);
                        one.put(id, counted(count, last));
                        shares.addAccesses(one);
                    }

                    /** All links in one call of the repository, which takes out of the map what it stored. */
                    @Override
                    public void addAll(Map<ShareId, AccessCounter.Pending> batches) {
                        Map<ShareId, CountedAccesses> counted = new LinkedHashMap<>();
                        batches.forEach((id, p) -> counted.put(id, counted(p.count(), p.last())));
                        try {
                            shares.addAccesses(counted);
                        } finally {
                            batches.keySet().retainAll(counted.keySet());
                        }
                    }
                },
                round);
    }

    private static CountedAccesses counted(long count, long lastMillis) {
        return new CountedAccesses(count, Instant.ofEpochMilli(lastMillis));
    }

    @Override
    public void insert(Share share) {
        shares.insert(share);
    }

    @Override
    public Optional<Share> findById(ShareId id) {
        counter.flush(id);
        return shares.findById(id);
    }

    /** Learns what the row says about counting its link; does not wait for pending counts. */
    @Override
    public Optional<Share> findByToken(ShareToken token) {
        Optional<Share> found = shares.findByToken(token);
        found.ifPresent(counter::learn);
        return found;
    }

    @Override
    public SharePage listByOwner(UserId owner, Optional<ItemPath> item, int limit, Optional<String> cursor) {
        counter.flush();
        return shares.listByOwner(owner, item, limit, cursor);
    }

    @Override
    public List<Share> findByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        counter.flush();
        return shares.findByOwnerAndPathPrefix(owner, path);
    }

    /** Learns what the rows say about counting their links; does not wait for pending counts. */
    @Override
    public List<Share> findAncestors(Share link) {
        List<Share> ancestors = shares.findAncestors(link);
        ancestors.forEach(counter::learn);
        return ancestors;
    }

    @Override
    public List<Share> findChildren(ShareId parent) {
        counter.flush();
        return shares.findChildren(parent);
    }

    /** Forgets what was learnt and writes the link's pending count first. */
    @Override
    public boolean update(Share share) {
        counter.forgetAll();
        counter.flush(share.id());
        return shares.update(share);
    }

    /**
     * In memory when the rows last read for every link of the chain allow it (see the class
     * comment); otherwise the repository's exact count.
     */
    @Override
    public boolean recordAccess(LinkChain chain, Instant now) {
        List<Share> links = chain.links();
        List<ShareId> ids = links.size() == 1
                ? List.of(links.get(0).id())
                : links.stream().map(Share::id).toList();
        if (counter.tryCount(ids, now.toEpochMilli())) {
            return true;
        }
        // counted in memory while the rows said "no limit"; a limit set since (on another
        // instance) counts them too
        counter.flushPending(ids);
        return shares.recordAccess(chain, now);
    }

    /** Passes accesses counted elsewhere straight on (they are no business of this counter). */
    @Override
    public void addAccesses(Map<ShareId, CountedAccesses> counted) {
        shares.addAccesses(counted);
    }

    @Override
    public int deleteWithDescendants(ShareId id) {
        return beforeDelete(() -> shares.deleteWithDescendants(id));
    }

    @Override
    public int deleteByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return beforeDelete(() -> shares.deleteByOwnerAndPathPrefix(owner, path));
    }

    @Override
    public int deleteByOwner(UserId owner) {
        return beforeDelete(() -> shares.deleteByOwner(owner));
    }

    @Override
    public int deleteByRoom(RoomId room) {
        return beforeDelete(() -> shares.deleteByRoom(room));
    }

    /** Forgets what was learnt and writes every pending count before a delete. */
    private int beforeDelete(IntSupplier delete) {
        counter.forgetAll();
        counter.flush();
        return delete.getAsInt();
    }

    /** Stops the round thread and writes what is pending (when the database lets it). */
    @Override
    public void close() {
        counter.close();
    }

    @Override
    public String toString() {
        return shares.toString();
    }
}
