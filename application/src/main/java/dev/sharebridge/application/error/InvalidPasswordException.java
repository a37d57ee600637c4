package dev.sharebridge.application.error;

/**
 * An expected outcome: the password given for a share is wrong. Carries how many wrong passwords
 * the client has given for this link in the current window, this one included, so that a driving
 * adapter may answer repeated guesses more slowly.
 */
public final class InvalidPasswordException extends UseCaseException {
    private static final long serialVersionUID = 1L;
    private final int failures;

    /** @param failures the client's wrong passwords for this link in the window, this one included */
    public InvalidPasswordException(String detail, int failures) {
        super(detail);
        this.failures = failures;
    }

    /** The client's wrong passwords for this link in the current window, this one included. */
    public int failures() {
        return failures;
    }

    @Override
    public String code() {
        return "invalid_password";
    }
}
