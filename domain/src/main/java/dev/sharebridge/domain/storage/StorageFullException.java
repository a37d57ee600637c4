package dev.sharebridge.domain.storage;

/**
 * The storage has no room for a write: the disk is full or a quota is used up. Nothing of the
 * write was kept, and trying again only helps once space is freed, unlike
 * {@link StorageUnavailableException}. The message is for operators and never carries secrets.
 */
public final class StorageFullException extends StorageException {
    private static final long serialVersionUID = 1L;

    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
