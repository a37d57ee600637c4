package dev.sharebridge.application.port.out.upload;

import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.user.UserId;
import java.util.Objects;

/**
 * Who began an upload, and so who alone may continue, look at or cancel it: a user in their own
 * space, or whoever holds a link (with what the link requires, its password included).
 */
public sealed interface UploadOwner {

    /** An owner's upload into their own space; the target is a path of that space. */
    record User(UserId id) implements UploadOwner {
        public User {
            Objects.requireNonNull(id, "id");
        }
    }

    /** An upload through a link; the target is a path below the link's item. */
    record Link(ShareId id) implements UploadOwner {
        public Link {
            Objects.requireNonNull(id, "id");
        }
    }
}
