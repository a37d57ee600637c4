package dev.sharebridge.application.port.in.user;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.user.UserId;
import java.util.OptionalLong;

/** A user's quota and the bytes their space uses (docs/uploads.md, "Quotas and limits"). */
public interface UserQuotaUseCase {

    /** What the user's space uses and may use. */
    Usage usage(UserId user) throws NotFoundException;

    /**
     * Sets the user's own quota.
     *
     * @param quota empty to follow the server's default ({@code [limits] user_quota_mib}), 0 for
     *     none, else the quota in bytes
     */
    Usage setQuota(UserId user, OptionalLong quota) throws NotFoundException;

    /**
     * Counts the bytes of the user's space anew from the storage and stores that as its use: after
     * files were changed beside the server, or a crash in the middle of a write. Uploads under way
     * hold reservations the count does not see; run it when none are.
     */
    Usage recount(UserId user) throws NotFoundException, UpstreamUnavailableException;

    /**
     * @param usedBytes what the space holds, with what uploads under way reserved
     * @param quotaBytes the quota that applies (the user's own or the default); empty is none
     * @param ownQuota whether the user has a quota of their own rather than the default
     */
    record Usage(long usedBytes, OptionalLong quotaBytes, boolean ownQuota) {}
}
