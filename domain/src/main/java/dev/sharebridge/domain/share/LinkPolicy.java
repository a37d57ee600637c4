package dev.sharebridge.domain.share;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the creator of a link chooses: what it allows, until when, how often, behind which
 * password and under which label. The named factories of {@link Share} take one.
 *
 * @param passwordHash the bcrypt hash of the password, never the password
 * @param maxAccesses the number of counted accesses after which the link stops working
 */
public record LinkPolicy(
        SharePermissions permissions,
        Optional<String> passwordHash,
        Optional<Instant> expiresAt,
        Optional<Long> maxAccesses,
        Optional<String> label) {

    public LinkPolicy {
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(maxAccesses, "maxAccesses");
        Objects.requireNonNull(label, "label");
    }

    /** Only {@code permissions}: no password, no expiry, no limit, no label. */
    public static LinkPolicy of(SharePermissions permissions) {
        return new LinkPolicy(permissions, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public LinkPolicy withPasswordHash(Optional<String> hash) {
        return new LinkPolicy(permissions, hash, expiresAt, maxAccesses, label);
    }

    public LinkPolicy withExpiresAt(Optional<Instant> expiry) {
        return new LinkPolicy(permissions, passwordHash, expiry, maxAccesses, label);
    }

    public LinkPolicy withMaxAccesses(Optional<Long> max) {
        return new LinkPolicy(permissions, passwordHash, expiresAt, max, label);
    }

    public LinkPolicy withLabel(Optional<String> l) {
        return new LinkPolicy(permissions, passwordHash, expiresAt, maxAccesses, l);
    }
}
