package dev.sharebridge.bootstrap.config;

/** The {@code [limits]} section: sizes the server refuses to read beyond. */
public record LimitsConfig(int maxJsonBytes) {
    public LimitsConfig {
        if (maxJsonBytes <= 0) {
            throw new IllegalArgumentException("maxJsonBytes must be positive");
        }
    }
}
