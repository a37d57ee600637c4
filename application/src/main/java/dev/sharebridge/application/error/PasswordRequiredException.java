package dev.sharebridge.application.error;

/** An expected outcome: the share has a password and the caller holds no valid grant. */
public final class PasswordRequiredException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public PasswordRequiredException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "password_required";
    }
}
