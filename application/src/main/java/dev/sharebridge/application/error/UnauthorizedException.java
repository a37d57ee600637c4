package dev.sharebridge.application.error;

/** An expected outcome: missing or invalid credentials. */
public final class UnauthorizedException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "unauthorized";
    }
}
