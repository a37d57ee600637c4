package dev.sharebridge.domain.dav;

import dev.sharebridge.domain.item.ItemPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

/**
 * One WebDAV write lock of a space (RFC 4918 §6): exclusive or shared, on a path and, at depth
 * infinity, everything below it, until {@code expires} unless refreshed. {@code owner} is the
 * client's {@code DAV:owner} content as XML text. The rules of which locks exclude each other
 * are here, so that every store of locks applies the same ones.
 */
public record DavLock(
        String token,
        ItemPath path,
        boolean exclusive,
        boolean infinite,
        String owner,
        Duration timeout,
        Instant expires) {
    /** The longest a lock lasts without a refresh, whatever the client asks for. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** Locks per space at once; a LOCK beyond it is refused. */
    public static final int MAX_PER_SPACE = 1000;
    /** The longest lock token: {@code urn:uuid:} and a UUID. */
    public static final int MAX_TOKEN_LENGTH = 45;

    public DavLock {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(expires, "expires");
    }

    /**
     * A new lock, with a fresh token: a random (type 4) UUID from the JDK's
     * {@link java.security.SecureRandom}, 122 random bits, which names nothing about the lock.
     * The timeout is capped at {@link #MAX_TIMEOUT}.
     */
    public static DavLock create(
            ItemPath path, boolean exclusive, boolean infinite, String owner, Duration timeout, Instant now) {
        Duration t = capped(timeout);
        return new DavLock("urn:uuid:" + UUID.randomUUID(), path, exclusive, infinite, owner, t, now.plus(t));
    }

    /** This lock extended from {@code now} by {@code timeout} (capped at {@link #MAX_TIMEOUT}). */
    public DavLock refreshed(Duration timeout, Instant now) {
        Duration t = capped(timeout);
        return new DavLock(token, path, exclusive, infinite, owner, t, now.plus(t));
    }

    /** Whether the lock protects {@code p}: its own path, or one below it at depth infinity. */
    public boolean covers(ItemPath p) {
        return p.equals(path) || (infinite && p.startsWith(path));
    }

    /** Whether the lock has not run out at {@code now}. */
    public boolean isLive(Instant now) {
        return expires.isAfter(now);
    }

    public Duration remaining(Instant now) {
        Duration d = Duration.between(now, expires);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Whether a new lock on {@code p} (of depth infinity when {@code wantInfinite}) conflicts with
     * this one: they overlap (this one covers {@code p}, or the new one would cover this one's
     * path) and either is exclusive.
     */
    public boolean conflictsWith(ItemPath p, boolean wantExclusive, boolean wantInfinite) {
        boolean overlaps = covers(p) || (wantInfinite && path.startsWith(p));
        return overlaps && (wantExclusive || exclusive);
    }

    /**
     * Whether {@code wanted} may be added to the live locks {@code existing} of its space: no
     * conflict, and fewer than {@link #MAX_PER_SPACE} of them.
     */
    public static boolean admits(Collection<DavLock> existing, DavLock wanted) {
        if (existing.size() >= MAX_PER_SPACE) {
            return false;
        }
        return existing.stream().noneMatch(l -> l.conflictsWith(wanted.path(), wanted.exclusive(), wanted.infinite()));
    }

    private static Duration capped(Duration timeout) {
        return timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
    }
}
