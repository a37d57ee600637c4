package dev.sharebridge.application.port.out.dav;

import dev.sharebridge.domain.TokenDigest;
import dev.sharebridge.domain.user.UserId;
import java.util.Objects;

/**
 * Names one WebDAV space among the locks and dead properties: a user's own space {@code /dav/},
 * or a share link's {@code /dav/s/{token}/}. The state of a space ends with its user or its link.
 */
public sealed interface DavSpaceKey {
    /**
     * The space's name as stored: {@code user:} and the user's id, or {@code link:} and the
     * SHA-256 digest of the link's token (never the token itself). At most 80 characters.
     */
    String id();

    static DavSpaceKey owner(UserId user) {
        return new Owner(user);
    }

    static DavSpaceKey link(String token) {
        return new Link(token);
    }

    /** A user's own space. */
    record Owner(UserId user) implements DavSpaceKey {
        public Owner {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public String id() {
            return "user:" + user.value();
        }
    }

    /** A share link's space; {@code token} is the link's token, as in its address. */
    record Link(String token) implements DavSpaceKey {
        public Link {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String id() {
            return "link:" + TokenDigest.digest(token);
        }

        @Override
        public String toString() {
            return "Link[" + id() + "]"; // never the token, in a log
        }
    }
}
