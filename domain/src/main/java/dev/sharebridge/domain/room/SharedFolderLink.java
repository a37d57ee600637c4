package dev.sharebridge.domain.room;

import java.util.Objects;

/**
 * One of the two links of a shared folder.
 *
 * @param linkId the provider's handle to delete it (a NextCloud share id, or a Sharebridge share id)
 * @param password the generated password in plain text; kept encrypted at rest, never logged
 */
public record SharedFolderLink(String linkId, String url, String password) {
    public SharedFolderLink {
        Objects.requireNonNull(linkId, "linkId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "SharedFolderLink[" + linkId + "]";
    }
}
