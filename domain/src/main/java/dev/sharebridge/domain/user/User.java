package dev.sharebridge.domain.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A person or application that owns files and shares and authenticates with an API token.
 *
 * @param tokenHash the hash of the user's API token; the token itself is never stored
 */
public record User(UserId id, String tokenHash, Instant createdAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    @Override
    public String toString() {
        return "User[" + id + "]";
    }
}
