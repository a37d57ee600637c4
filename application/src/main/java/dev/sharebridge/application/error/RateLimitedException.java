package dev.sharebridge.application.error;

import java.time.Duration;

/** An expected outcome: too many attempts; the caller may try again after {@link #retryAfter()}. */
public final class RateLimitedException extends UseCaseException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public RateLimitedException(String detail, Duration retryAfter) {
        super(detail);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String code() {
        return "rate_limited";
    }
}
