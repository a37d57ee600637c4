package dev.sharebridge.application.error;

import java.time.Duration;

/** An expected outcome: the server is saturated (e.g. every password-hashing slot is busy); try again soon. */
public final class ServiceBusyException extends UseCaseException {
    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    public ServiceBusyException(String detail, Duration retryAfter) {
        this(detail, retryAfter, Duration.ZERO);
    }

    /** @param answerDelay how long to hold the answer back (see {@link #answerDelay()}) */
    public ServiceBusyException(String detail, Duration retryAfter, Duration answerDelay) {
        super(detail, answerDelay);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String code() {
        return "service_busy";
    }
}
