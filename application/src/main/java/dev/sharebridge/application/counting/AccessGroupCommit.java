package dev.sharebridge.application.counting;

import dev.sharebridge.application.port.out.persistence.LinkAccess;
import dev.sharebridge.application.port.out.persistence.SharePage;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Any {@link ShareRepository} whose counted accesses go through a group commit: each
 * {@link #recordAccessLater} joins the current batch, and one thread of its own commits batch
 * after batch, each in one {@link ShareRepository#recordAccesses} (one transaction, one UPDATE
 * per link, the limits checked in the database under the rows' locks), then completes every
 * waiting access with granted or refused. A batch is everything that arrived while the previous
 * one was being committed, at most {@link #MAX_BATCH} accesses: under load the database sees one
 * transaction per batch instead of one per open; when it is quiet, an access is committed at once.
 *
 * <p>Why not counting in memory and writing later (what this replaced, write-behind every 200 ms):
 * an open answered {@code 200} was lost when the process was killed outright, a read of
 * {@code access_count} had to flush first (and a busy link's count still lagged), and a limit
 * set on one server was not seen by the counts another held in memory. Here an access is
 * granted only by its commit: nothing acknowledged is only in memory, every read after the
 * answer includes it, and a link's {@code max_accesses} is exact across servers, also when it is
 * set while opens run (a batch of n for a link with r left grants min(n, r); the others are
 * refused as a used-up link is). The stage completes on the commit thread; {@link #recordAccess}
 * waits for it, for callers that may hold a thread.
 *
 * <p>When a batch fails (the database is away) every access of it fails with that exception and
 * nothing of it was counted; the next batch tries again. Where it goes in the stack: directly on
 * the database's repository, below the row cache ({@code application.cache.RecentShareReads}),
 * which passes counting down. Close it before the database it writes to: {@link #close()}
 * commits what has arrived and refuses what comes later.
 */
public final class AccessGroupCommit implements ShareRepository, AutoCloseable {
    /** Bounds one transaction (its locks and its statements) when accesses arrive faster. */
    public static final int MAX_BATCH = 256;

    private record Waiting(LinkAccess access, CompletableFuture<Boolean> granted) {}

    private final ShareRepository shares;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** The next batch; guarded by lock. */
    private List<Waiting> next = new ArrayList<>();
    /** Guarded by lock. */
    private boolean closed;

    private final Thread committer;

    public AccessGroupCommit(ShareRepository shares) {
        this.shares = Objects.requireNonNull(shares, "shares");
        this.committer = new Thread(this::commitBatches, "sharebridge-access-commit");
        committer.setDaemon(true);
        committer.start();
    }

    /** Joins the current batch; completes once the batch is committed (see the class comment). */
    @Override
    public CompletionStage<Boolean> recordAccessLater(LinkChain chain, Instant now) {
        CompletableFuture<Boolean> granted = new CompletableFuture<>();
        Waiting waiting = new Waiting(new LinkAccess(chain, now), granted);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("access counting is closed");
            }
            next.add(waiting);
            arrived.signal();
        } finally {
            lock.unlock();
        }
        return granted;
    }

    /** {@link #recordAccessLater}, waiting on the calling thread; throws what the batch threw. */
    @Override
    public boolean recordAccess(LinkChain chain, Instant now) {
        try {
            return recordAccessLater(chain, now).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A batch counted elsewhere goes straight to the repository, in its own transaction. */
    @Override
    public List<Boolean> recordAccesses(List<LinkAccess> accesses) {
        return shares.recordAccesses(accesses);
    }

    private void commitBatches() {
        while (true) {
            List<Waiting> batch;
            lock.lock();
            try {
                while (next.isEmpty() && !closed) {
                    arrived.awaitUninterruptibly();
                }
                if (next.isEmpty()) {
                    return;
                }
                if (next.size() <= MAX_BATCH) {
                    batch = next;
                    next = new ArrayList<>();
                } else {
                    List<Waiting> head = next.subList(0, MAX_BATCH);
                    batch = new ArrayList<>(head);
                    head.clear();
                }
            } finally {
                lock.unlock();
            }
            commit(batch);
        }
    }

    private void commit(List<Waiting> batch) {
        List<Boolean> granted;
        try {
            granted = shares.recordAccesses(batch.stream().map(Waiting::access).toList());
        } catch (RuntimeException e) {
            batch.forEach(w -> w.granted().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).granted().complete(granted.get(i));
        }
    }

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
        return shares.findByToken(token);
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
        return shares.update(share);
    }

    @Override
    public int deleteWithDescendants(ShareId id) {
        return shares.deleteWithDescendants(id);
    }

    @Override
    public int deleteByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return shares.deleteByOwnerAndPathPrefix(owner, path);
    }

    @Override
    public int moveByOwnerAndPathPrefix(UserId owner, ItemPath from, ItemPath to) {
        return shares.moveByOwnerAndPathPrefix(owner, from, to);
    }

    @Override
    public int deleteByOwner(UserId owner) {
        return shares.deleteByOwner(owner);
    }

    @Override
    public int deleteByRoom(RoomId room) {
        return shares.deleteByRoom(room);
    }

    /** Commits what has arrived, then stops the commit thread; later accesses are refused. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signal();
        } finally {
            lock.unlock();
        }
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return shares.toString();
    }
}
