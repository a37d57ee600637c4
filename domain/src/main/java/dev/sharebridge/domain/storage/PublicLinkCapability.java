package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.ItemPath;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A provider's own password-protected public links (NextCloud link shares), used for meeting
 * shared folders when the provider serves the links itself.
 */
public interface PublicLinkCapability {

    /** Whether a link lets its holders change content or only read it. */
    enum Access {
        READ,
        READ_WRITE
    }

    /** A link as the provider made it. {@code id} is the provider's handle for deleting it. */
    record PublicLink(String id, String url, Access access) {}

    /**
     * Creates a link on a folder, with a password and an optional last day of validity. The
     * implementation verifies what the provider made and never returns a link with other access.
     */
    PublicLink create(ItemPath folder, Access access, String password, Optional<LocalDate> expiresOn)
            throws StorageException;

    /** Deletes a link; a link that is already gone is not an error. */
    void delete(String linkId) throws StorageException;
}
