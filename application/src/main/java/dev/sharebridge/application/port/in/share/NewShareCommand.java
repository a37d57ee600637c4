package dev.sharebridge.application.port.in.share;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.LinkLimits;
import dev.sharebridge.domain.share.SharePermissions;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user asks for when creating a share link. {@code itemType}, when given, must match the
 * item; {@code permissions} defaults to read only.
 */
public record NewShareCommand(
        ItemPath itemPath,
        Optional<ItemType> itemType,
        Optional<String> password,
        Optional<Instant> expiresAt,
        Optional<SharePermissions> permissions,
        Optional<String> label,
        Optional<Long> maxAccesses,
        LinkLimits limits) {
    /** A command without upload limits. */
    public NewShareCommand(
            ItemPath itemPath,
            Optional<ItemType> itemType,
            Optional<String> password,
            Optional<Instant> expiresAt,
            Optional<SharePermissions> permissions,
            Optional<String> label,
            Optional<Long> maxAccesses) {
        this(itemPath, itemType, password, expiresAt, permissions, label, maxAccesses, LinkLimits.NONE);
    }

    public NewShareCommand {
        Objects.requireNonNull(itemPath, "itemPath");
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(permissions, "permissions");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(maxAccesses, "maxAccesses");
        Objects.requireNonNull(limits, "limits");
    }

    @Override
    public String toString() {
        return "NewShareCommand[" + itemPath + ", password=" + (password.isPresent() ? "***" : "none") + "]";
    }
}
