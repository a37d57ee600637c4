package dev.sharebridge.application.port.out.persistence;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stores share links. Tokens are unique and compared byte for byte. Every method is atomic.
 */
public interface ShareRepository {

    /** Stores a new share. @throws IllegalStateException when its id or token is taken */
    void insert(Share share);

    Optional<Share> findById(ShareId id);

    Optional<Share> findByToken(ShareToken token);

    /**
     * The owner's user-space shares (room links excluded), newest first, ordered by
     * (created_at desc, id desc); {@code item} restricts to shares of exactly that item.
     *
     * @param cursor the {@code nextCursor} of the previous page
     * @throws dev.sharebridge.domain.InvalidValueException (field {@code cursor}) for a cursor this
     *         repository did not make
     */
    SharePage listByOwner(UserId owner, Optional<ItemPath> item, int limit, Optional<String> cursor);

    /** The owner's user-space shares on {@code path} or any item below it. */
    List<Share> findByOwnerAndPathPrefix(UserId owner, ItemPath path);

    /**
     * The links {@code link} was reshared from, its parent first, up to one without a parent, in
     * one read; at most {@link LinkChain#MAX_LENGTH}{@code - 1} of them. For the public routes,
     * which check a link's whole chain on every request: the counts of links without
     * {@code maxAccesses} may lag behind (a decorator may keep rows read by token for a moment,
     * {@code application.cache.RecentShareReads}), those of links with one are exact. When the last link returned still has a parent, the chain is broken (an ancestor was
     * deleted meanwhile) or longer than any reshare makes.
     */
    List<Share> findAncestors(Share link);

    /** The shares reshared from {@code parent}, directly. */
    List<Share> findChildren(ShareId parent);

    /**
     * Replaces the mutable fields (password hash, expiry, permissions, label, max accesses) of a
     * stored share. @return false when the share no longer exists
     */
    boolean update(Share share);

    /**
     * Counts one access through the chain's link against every link of the chain (see
     * {@link LinkChain}), in one atomic step: increments {@code accessCount} and sets
     * {@code lastAccessedAt} to {@code now} on each of them, only when every one still exists, has not
     * expired at {@code now} and is under its {@code maxAccesses}; otherwise changes nothing.
     * Exact under any concurrency, also when the accesses come through different links of one
     * chain: the accesses through a link and all the links reshared from it never exceed its
     * {@code maxAccesses}. Returns once the count is durable. By default a batch of one.
     *
     * @return true when the access was counted (and so allowed)
     */
    default boolean recordAccess(LinkChain chain, Instant now) {
        return recordAccesses(List.of(new LinkAccess(chain, now))).get(0);
    }

    /**
     * {@link #recordAccess} for a caller that must not wait on a thread: the stage completes with
     * the same answer once the count is durable (or with the exception {@link #recordAccess}
     * would have thrown). By default {@link #recordAccess} at once; the group commit of
     * {@code application.counting} completes it when the batch that carries the access has been
     * committed.
     */
    default CompletionStage<Boolean> recordAccessLater(LinkChain chain, Instant now) {
        return CompletableFuture.completedFuture(recordAccess(chain, now));
    }

    /**
     * Counts a batch of accesses in one atomic step, as if {@link #recordAccess} ran for each in
     * the order of the list: an access is counted against every link of its chain when every one
     * still exists, has not expired at its {@code at} and is under its {@code maxAccesses} counting
     * the accesses granted before it in the batch; otherwise it changes nothing. So n accesses to
     * a link with r accesses left get min(n, r). Every link's limit is checked in the database,
     * under the row's lock held to the commit, so a limit set meanwhile (by any process) is obeyed
     * exactly; {@code lastAccessedAt} becomes the latest time of the accesses granted. Returns
     * once the batch is durable; when it throws, nothing of the batch was counted.
     *
     * @return per access, in the order given, whether it was counted (and so allowed)
     */
    List<Boolean> recordAccesses(List<LinkAccess> accesses);

    /** Deletes a share and, transitively, every share derived from it. @return how many were deleted */
    int deleteWithDescendants(ShareId id);

    /**
     * Deletes the owner's user-space shares on {@code path} or below it, with their descendants.
     * @return how many were deleted
     */
    int deleteByOwnerAndPathPrefix(UserId owner, ItemPath path);

    /**
     * Makes the owner's user-space links follow an item moved from {@code from} to {@code to}, in
     * one transaction: first deletes the links still on {@code to} or below it (with their
     * descendants: they were on the item the move replaced, or left over on a path where nothing
     * was), then rewrites the item path of every link on {@code from} or below it to the same
     * place under {@code to}. A prefix is a whole number of segments ({@code /docs} reaches
     * {@code /docs/a}, never {@code /docs2}); room links are never touched. When it throws,
     * nothing changed.
     *
     * @return how many links were rewritten
     */
    int moveByOwnerAndPathPrefix(UserId owner, ItemPath from, ItemPath to);

    /** Deletes every share of a user (user-space and room links) with their descendants. */
    int deleteByOwner(UserId owner);

    /** Deletes the links of a room's shared folder with their descendants. */
    int deleteByRoom(RoomId room);
}
