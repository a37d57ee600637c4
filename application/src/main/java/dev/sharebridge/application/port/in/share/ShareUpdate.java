package dev.sharebridge.application.port.in.share;

import dev.sharebridge.domain.share.SharePermissions;
import java.time.Instant;
import java.util.Objects;

/** A partial update of a share link: absent fields stay, cleared fields are removed. */
public record ShareUpdate(
        FieldUpdate<String> password,
        FieldUpdate<Instant> expiresAt,
        FieldUpdate<SharePermissions> permissions,
        FieldUpdate<String> label,
        FieldUpdate<Long> maxAccesses) {
    public ShareUpdate {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(maxAccesses, "maxAccesses");
    }

    @Override
    public String toString() {
        return "ShareUpdate[password " + password.getClass().getSimpleName() + "]";
    }
}
