package dev.sharebridge.application.error;

/**
 * An expected business outcome a use case reports instead of a result (not found, forbidden,
 * wrong password, rate limited, upstream down, storage full). {@link #code()} is the stable machine string of
 * the contract; the message is safe to show to the caller and never carries secrets.
 * Bad input is reported with the domain's unchecked {@code InvalidValueException} instead.
 *
 * <p>Outcomes carry business facts only (a retry time, a count of failures); how an answer is
 * presented and timed is the driving adapter's business.
 */
public abstract sealed class UseCaseException extends Exception
        permits NotFoundException,
                ConflictException,
                PreconditionFailedException,
                ForbiddenException,
                UnauthorizedException,
                PasswordRequiredException,
                InvalidPasswordException,
                RateLimitedException,
                UpstreamUnavailableException,
                ServiceBusyException,
                InsufficientStorageException,
                GoneException,
                ChecksumMismatchException,
                TooLargeException {
    private static final long serialVersionUID = 1L;

    protected UseCaseException(String detail) {
        super(detail, null, false, false);
    }

    protected UseCaseException(String detail, Throwable cause) {
        super(detail, cause, false, false);
    }

    /** The stable machine code ({@code not_found}, {@code rate_limited}, ...). */
    public abstract String code();
}
