package dev.sharebridge.application.error;

/** An expected outcome: the request conflicts with what exists. */
public final class ConflictException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "conflict";
    }
}
