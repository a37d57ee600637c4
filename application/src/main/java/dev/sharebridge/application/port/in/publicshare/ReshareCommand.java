package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.domain.share.LinkLimits;
import dev.sharebridge.domain.share.SharePermissions;
import java.time.Instant;
import java.util.Optional;

/** A visitor's request for a derived link; bounded by the parent's permissions and expiry. */
public record ReshareCommand(
        Optional<String> password,
        Optional<Instant> expiresAt,
        Optional<SharePermissions> permissions,
        Optional<String> label,
        LinkLimits limits) {
    /** A command without upload limits. */
    public ReshareCommand(
            Optional<String> password,
            Optional<Instant> expiresAt,
            Optional<SharePermissions> permissions,
            Optional<String> label) {
        this(password, expiresAt, permissions, label, LinkLimits.NONE);
    }

    @Override
    public String toString() {
        return "ReshareCommand[password=" + (password.isPresent() ? "***" : "none") + "]";
    }
}
