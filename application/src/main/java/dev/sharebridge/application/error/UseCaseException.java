package dev.sharebridge.application.error;

import java.time.Duration;
import java.util.Objects;

/**
 * An expected business outcome a use case reports instead of a result (not found, forbidden,
 * wrong password, rate limited, upstream down, storage full). {@link #code()} is the stable machine string of
 * the contract; the message is safe to show to the caller and never carries secrets.
 * Bad input is reported with the domain's unchecked {@code InvalidValueException} instead.
 */
public abstract sealed class UseCaseException extends Exception
        permits NotFoundException, ConflictException, ForbiddenException, UnauthorizedException,
        PasswordRequiredException, InvalidPasswordException, RateLimitedException, UpstreamUnavailableException,
        ServiceBusyException, InsufficientStorageException {
    private static final long serialVersionUID = 1L;
    private final Duration answerDelay;

    protected UseCaseException(String detail) {
        this(detail, Duration.ZERO);
    }

    /** @param answerDelay how long to hold the answer back (see {@link #answerDelay()}) */
    protected UseCaseException(String detail, Duration answerDelay) {
        super(detail, null, false, false);
        this.answerDelay = Objects.requireNonNull(answerDelay, "answerDelay");
    }

    protected UseCaseException(String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.answerDelay = Duration.ZERO;
    }

    /** The stable machine code ({@code not_found}, {@code rate_limited}, ...). */
    public abstract String code();

    /**
     * How long the answer should be held back (never blocking a thread): the growing delay after
     * wrong passwords and before throttled answers, which slows guessing and keeps a flood of
     * refused requests from taking the server's time. Zero for most outcomes.
     */
    public final Duration answerDelay() {
        return answerDelay;
    }
}
