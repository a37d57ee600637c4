package dev.sharebridge.bootstrap.config;

/**
 * The {@code [limits]} section: sizes the server refuses to read beyond.
 *
 * @param userQuotaBytes the quota of a user without one of their own ({@code user_quota_mib}); 0 is none
 */
public record LimitsConfig(int maxJsonBytes, long userQuotaBytes) {
    public LimitsConfig {
        if (maxJsonBytes <= 0) {
            throw new IllegalArgumentException("maxJsonBytes must be positive");
        }
        if (userQuotaBytes < 0) {
            throw new IllegalArgumentException("userQuotaBytes must not be negative");
        }
    }
}
