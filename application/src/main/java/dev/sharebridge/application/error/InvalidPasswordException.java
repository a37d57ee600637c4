package dev.sharebridge.application.error;

/** An expected outcome: the password given for a share is wrong. */
public final class InvalidPasswordException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public InvalidPasswordException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "invalid_password";
    }
}
