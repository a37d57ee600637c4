package dev.sharebridge.application.error;

/**
 * An expected outcome: the storage has no room for the write (a full disk, a used-up quota).
 * Nothing of it was kept and the server goes on serving; a retry helps only once space is freed.
 * Answered as 507.
 */
public final class InsufficientStorageException extends UseCaseException {
    private static final long serialVersionUID = 1L;

    public InsufficientStorageException(String detail, Throwable cause) {
        super(detail, cause);
    }

    @Override
    public String code() {
        return "insufficient_storage";
    }
}
