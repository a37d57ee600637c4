package dev.sharebridge.application.service.quota;

/**
 * The server's quota rules ({@code [limits] user_quota_mib} in docs/configuration.md).
 *
 * @param userQuotaBytes the quota of a user who has none of their own; 0 is none
 */
public record QuotaSettings(long userQuotaBytes) {
    /** No quota. */
    public static final long DEFAULT_USER_QUOTA_BYTES = 0;

    public static final QuotaSettings DEFAULTS = new QuotaSettings(DEFAULT_USER_QUOTA_BYTES);

    public QuotaSettings {
        if (userQuotaBytes < 0) {
            throw new IllegalArgumentException("userQuotaBytes must not be negative");
        }
    }
}
