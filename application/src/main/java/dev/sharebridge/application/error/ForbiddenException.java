package dev.sharebridge.application.error;

/** An expected outcome: the caller may not do this. */
public final class ForbiddenException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "forbidden";
    }
}
