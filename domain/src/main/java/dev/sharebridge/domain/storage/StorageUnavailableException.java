package dev.sharebridge.domain.storage;

import java.time.Duration;
import java.util.Optional;

/**
 * The storage could not be reached or answered with an error (timeout, 5xx, rate limit, bad
 * credentials, unexpected body). The message is for operators and never carries secrets.
 */
public final class StorageUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public StorageUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public StorageUnavailableException(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the storage asked us to wait, when it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
