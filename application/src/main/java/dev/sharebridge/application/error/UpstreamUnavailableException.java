package dev.sharebridge.application.error;

import java.time.Duration;
import java.util.Optional;

/**
 * An expected outcome: the external storage (NextCloud) failed or could not be reached; nothing
 * was left half-made and the caller may retry. Answered as 502 (503 when a retry time is known).
 */
public final class UpstreamUnavailableException extends UseCaseException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public UpstreamUnavailableException(String detail, Throwable cause, Optional<Duration> retryAfter) {
        super(detail, cause);
        this.retryAfter = retryAfter.orElse(null);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public String code() {
        return "upstream_unavailable";
    }
}
