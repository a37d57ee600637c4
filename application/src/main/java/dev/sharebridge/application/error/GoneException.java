package dev.sharebridge.application.error;

/** An expected outcome: the thing asked for existed but is no longer usable (an expired upload). */
public final class GoneException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public GoneException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "gone";
    }
}
