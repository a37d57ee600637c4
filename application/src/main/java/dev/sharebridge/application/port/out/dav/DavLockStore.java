package dev.sharebridge.application.port.out.dav;

import dev.sharebridge.domain.dav.DavLock;
import dev.sharebridge.domain.item.ItemPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The WebDAV write locks of every space. Which locks conflict is {@link DavLock}'s to say; a
 * store keeps them and makes {@link #lock} atomic: among concurrent callers on any number of
 * instances sharing the store, a lock is added only if it conflicts with none that is live when
 * it is added. A lock whose {@code expires} has passed is gone: no method returns it, whatever
 * instance made it. Every {@code now} is the caller's clock.
 */
public interface DavLockStore {

    /** The live locks of {@code space}, in no particular order. */
    List<DavLock> live(DavSpaceKey space, Instant now);

    /** The live lock of {@code space} with {@code token}. */
    Optional<DavLock> byToken(DavSpaceKey space, String token, Instant now);

    /**
     * Adds {@code wanted} (made by {@link DavLock#create}) unless {@link DavLock#admits} refuses
     * it among the live locks of the space. Atomic. @return whether it was added
     */
    boolean lock(DavSpaceKey space, DavLock wanted, Instant now);

    /** Extends a live lock from {@code now} by {@code timeout}; empty when it is gone. */
    Optional<DavLock> refresh(DavSpaceKey space, String token, Duration timeout, Instant now);

    /** Ends a lock. @return whether one was there */
    boolean unlock(DavSpaceKey space, String token);

    /** Ends the locks on {@code path} and below it (the item is gone from there). */
    void release(DavSpaceKey space, ItemPath path);
}
