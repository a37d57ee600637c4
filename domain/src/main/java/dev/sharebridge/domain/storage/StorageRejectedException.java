package dev.sharebridge.domain.storage;

/**
 * The storage refused the request for a reason of its own that a retry will not change (a
 * reserved name, a policy, a size limit; a full disk or quota is {@link StorageFullException}).
 * The message is safe to show to the user.
 */
public final class StorageRejectedException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageRejectedException(String message) {
        super(message, null);
    }
}
