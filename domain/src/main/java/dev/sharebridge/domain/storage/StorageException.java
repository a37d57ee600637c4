package dev.sharebridge.domain.storage;

/** Base of every expected failure a {@link StorageProvider} reports. */
public abstract sealed class StorageException extends Exception
        permits ItemNotFoundException,
                ItemConflictException,
                DestinationExistsException,
                StorageUnavailableException,
                StorageFullException,
                StorageRejectedException {
    private static final long serialVersionUID = 1L;

    protected StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
