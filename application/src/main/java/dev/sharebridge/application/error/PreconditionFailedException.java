package dev.sharebridge.application.error;

/**
 * An expected outcome: a condition the caller set does not hold, and nothing was changed (a move
 * or copy told not to replace an item that is at its destination).
 */
public final class PreconditionFailedException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public PreconditionFailedException(String detail) {
        super(detail);
    }

    @Override
    public String code() {
        return "precondition_failed";
    }
}
