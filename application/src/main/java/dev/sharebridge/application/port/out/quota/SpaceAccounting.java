package dev.sharebridge.application.port.out.quota;

import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.user.UserId;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bytes each user's space holds (and uploads under way reserved) against their quota, and the
 * bytes each link received against its limit (docs/architecture.md, "Quotas"). Shared by every
 * instance on the database: a reservation is one conditional update ({@code used + n <= quota}),
 * so concurrent reservations never together go over.
 */
public interface SpaceAccounting {

    /**
     * Adds {@code bytes} to the user's used bytes if that stays within their quota (their own, or
     * {@code defaultQuota} when they have none set; 0 is no quota).
     *
     * @return false when it would go over the quota, or there is no such user (nothing changed)
     */
    boolean reserve(UserId user, long bytes, long defaultQuota);

    /** Takes {@code bytes} off the user's used bytes (never below 0). */
    void release(UserId user, long bytes);

    /**
     * Adds {@code bytes} to what the link received if that stays within its {@code max_upload_bytes}.
     *
     * @return false when it would go over, or there is no such link (nothing changed)
     */
    boolean reserveLink(ShareId link, long bytes);

    /** Takes {@code bytes} off what the link received (never below 0). */
    void releaseLink(ShareId link, long bytes);

    /**
     * Sets the user's own quota: empty follows the default, 0 is none.
     *
     * @return false when there is no such user
     */
    boolean setQuota(UserId user, OptionalLong quota);

    /** Sets the user's used bytes to what was counted in the storage (a reconcile). */
    boolean setUsed(UserId user, long used);

    /** The user's used bytes and own quota, if there is such a user. */
    Optional<Usage> usage(UserId user);

    /**
     * @param quota the user's own quota: empty follows the default, 0 is none
     */
    record Usage(long used, OptionalLong quota) {}
}
