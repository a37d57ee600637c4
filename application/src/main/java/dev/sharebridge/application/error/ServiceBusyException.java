package dev.sharebridge.application.error;

import java.time.Duration;

/**
 * An expected outcome: the server is saturated (every password-hashing slot is busy); try again
 * after {@link #retryAfter()}. Carries how many wrong passwords the client has given for the link
 * in the current window, so that a driving adapter may answer a client that floods no faster than
 * it would answer its guesses.
 */
public final class ServiceBusyException extends UseCaseException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;
    private final int failures;

    /** @param failures the client's wrong passwords for the link in the window (this attempt not counted) */
    public ServiceBusyException(String detail, Duration retryAfter, int failures) {
        super(detail);
        this.retryAfter = retryAfter;
        this.failures = failures;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** The client's wrong passwords for the link in the current window, this attempt not counted. */
    public int failures() {
        return failures;
    }

    @Override
    public String code() {
        return "service_busy";
    }
}
