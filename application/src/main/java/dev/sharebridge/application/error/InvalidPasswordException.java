package dev.sharebridge.application.error;

import java.time.Duration;

/** An expected outcome: the password given for a share is wrong. */
public final class InvalidPasswordException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public InvalidPasswordException(String detail) {
        this(detail, Duration.ZERO);
    }

    /** @param answerDelay how long to hold the answer back (see {@link #answerDelay()}) */
    public InvalidPasswordException(String detail, Duration answerDelay) {
        super(detail, answerDelay);
    }

    @Override
    public String code() {
        return "invalid_password";
    }
}
