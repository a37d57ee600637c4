package dev.sharebridge.application.cache;

import dev.sharebridge.application.port.out.cache.CacheInvalidations;
import dev.sharebridge.application.port.out.cache.CacheInvalidations.Cache;
import dev.sharebridge.application.port.out.persistence.LinkAccess;
import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.persistence.SharePage;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Any {@link ShareRepository} whose {@link #findByToken} may answer from a row read less than
 * {@code maxStaleness} ago ({@link RecentReads}), so that a link opened by many at once is read
 * about once per that time. Unknown tokens are not kept (a link made elsewhere works at once), nor
 * are links with {@code max_accesses}, whose count moves with every open and is shown.
 *
 * <p>Every change made through this repository ({@link #update}, the deletes and the moves) ends every kept
 * row at once, also when it fails halfway, and a row read before a change is never answered after
 * it. Every such change is also {@linkplain CacheInvalidations#publish published}, and every change
 * another instance (another server, the CLI on the same database) publishes ends every kept row
 * here as soon as it arrives; while the channel does not receive, nothing is kept. Changes that
 * nobody publishes are seen after at most {@code maxStaleness}. Everything else reaches the repository: the lookups by id, owner or
 * parent, the ancestors of a reshared link (whose limits must be exact) and the counting, which
 * changes no row this keeps other than its count, and the counts of unlimited links in kept rows
 * may lag (nothing the public routes answer shows them; the owner's reads by id or owner reach
 * the repository, where every answered access is already counted).
 *
 * <p>Where it goes in the stack: on top, above {@code application.counting.AccessGroupCommit}
 * (see there why), so that an open answered from here costs one map lookup before it joins the
 * counting batch.
 */
public final class RecentShareReads implements ShareRepository {
    private final ShareRepository shares;
    private final RecentReads<String, Optional<Share>> recent;
    private final CacheInvalidations invalidations;

    /**
     * @param maxStaleness {@link Duration#ZERO}: every lookup reaches the repository (changes are
     *     published all the same, for the instances that keep rows)
     * @param invalidations the channel to the other instances on the same database
     */
    public RecentShareReads(ShareRepository shares, Duration maxStaleness, CacheInvalidations invalidations) {
        this(shares, maxStaleness, System::nanoTime, invalidations);
    }

    /** Alone on its database: only the changes made through it end what it keeps before its time. */
    public RecentShareReads(ShareRepository shares, Duration maxStaleness, LongSupplier nanoTime) {
        this(shares, maxStaleness, nanoTime, new InProcessCacheInvalidations());
    }

    /** @param nanoTime a monotonic clock in nanoseconds, for tests that let the staleness pass */
    public RecentShareReads(
            ShareRepository shares, Duration maxStaleness, LongSupplier nanoTime, CacheInvalidations invalidations) {
        this.shares = Objects.requireNonNull(shares, "shares");
        this.recent = new RecentReads<>(maxStaleness, nanoTime);
        this.invalidations = Objects.requireNonNull(invalidations, "invalidations");
        invalidations.subscribe(new Forget(Cache.SHARES, recent));
    }

    /** How often a kept row was reused or not, for metrics. */
    public RecentReads.Stats stats() {
        return recent.stats();
    }

    /** Not a change of any kept row: a new link's token was not kept, as unknown tokens are not. */
    @Override
    public void insert(Share share) {
        shares.insert(share);
    }

    @Override
    public Optional<Share> findById(ShareId id) {
        return shares.findById(id);
    }

    @Override
    public Optional<Share> findByToken(ShareToken token) {
        return recent.get(
                token.value(),
                () -> shares.findByToken(token),
                row -> row.isPresent() && row.get().maxAccesses().isEmpty());
    }

    @Override
    public SharePage listByOwner(UserId owner, Optional<ItemPath> item, int limit, Optional<String> cursor) {
        return shares.listByOwner(owner, item, limit, cursor);
    }

    @Override
    public List<Share> findByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return shares.findByOwnerAndPathPrefix(owner, path);
    }

    @Override
    public List<Share> findAncestors(Share link) {
        return shares.findAncestors(link);
    }

    @Override
    public List<Share> findChildren(ShareId parent) {
        return shares.findChildren(parent);
    }

    @Override
    public boolean update(Share share) {
        return change(() -> shares.update(share));
    }

    @Override
    public boolean recordAccess(LinkChain chain, Instant now) {
        return shares.recordAccess(chain, now);
    }

    @Override
    public CompletionStage<Boolean> recordAccessLater(LinkChain chain, Instant now) {
        return shares.recordAccessLater(chain, now);
    }

    @Override
    public List<Boolean> recordAccesses(List<LinkAccess> accesses) {
        return shares.recordAccesses(accesses);
    }

    @Override
    public int deleteWithDescendants(ShareId id) {
        return change(() -> shares.deleteWithDescendants(id));
    }

    @Override
    public int deleteByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return change(() -> shares.deleteByOwnerAndPathPrefix(owner, path));
    }

    /** A change of kept rows: the links' item path; the other instances forget theirs too. */
    @Override
    public int moveByOwnerAndPathPrefix(UserId owner, ItemPath from, ItemPath to) {
        return change(() -> shares.moveByOwnerAndPathPrefix(owner, from, to));
    }

    @Override
    public int deleteByOwner(UserId owner) {
        return change(() -> shares.deleteByOwner(owner));
    }

    @Override
    public int deleteByRoom(RoomId room) {
        return change(() -> shares.deleteByRoom(room));
    }

    /**
     * {@code journal} (on the table behind this repository), whose {@link MoveJournal#finish}
     * rewrites link rows: each finish ends what is kept here and is published, as this
     * repository's own moves are. Everything else goes straight to {@code journal}.
     */
    public MoveJournal around(MoveJournal journal) {
        Objects.requireNonNull(journal, "journal");
        return new MoveJournal() {
            @Override
            public void begin(Move move) {
                journal.begin(move);
            }

            @Override
            public int finish(Move move) {
                return change(() -> journal.finish(move));
            }

            @Override
            public void end(Move move) {
                journal.end(move);
            }

            @Override
            public void release(Move move) {
                journal.release(move);
            }

            @Override
            public List<Move> leftovers(InstanceId self, Instant now, int limit) {
                return journal.leftovers(self, now, limit);
            }

            @Override
            public Optional<Move> takeOver(Move move, InstanceId self, Instant now) {
                return journal.takeOver(move, self, now);
            }
        };
    }

    /** Runs a change through {@link RecentReads#change} and then tells the other instances, also when it failed. */
    private <T> T change(RecentReads.Step<T, RuntimeException> change) {
        try {
            return recent.change(change);
        } finally {
            Forget.publish(invalidations, Cache.SHARES);
        }
    }

    @Override
    public String toString() {
        return shares.toString();
    }
}
