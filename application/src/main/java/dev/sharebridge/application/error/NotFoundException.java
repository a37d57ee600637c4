package dev.sharebridge.application.error;

/** An expected outcome: the thing does not exist or is not visible to the caller. */
public final class NotFoundException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "not_found";
    }
}
