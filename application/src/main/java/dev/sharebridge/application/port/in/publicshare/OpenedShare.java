package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.SharePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * What a visitor learns when opening a link (the body of {@code GET /api/s/{token}}); with the
 * visit that the counted open stands for (none when nothing was counted: {@code HEAD}).
 */
public record OpenedShare(
        String itemName,
        ItemType itemType,
        long size,
        boolean hasPassword,
        Optional<Instant> expiresAt,
        SharePermissions permissions,
        Optional<String> label,
        Optional<Visit> visit) {

    /** Without a visit. */
    public OpenedShare(
            String itemName,
            ItemType itemType,
            long size,
            boolean hasPassword,
            Optional<Instant> expiresAt,
            SharePermissions permissions,
            Optional<String> label) {
        this(itemName, itemType, size, hasPassword, expiresAt, permissions, label, Optional.empty());
    }

    public OpenedShare withVisit(Visit v) {
        return new OpenedShare(itemName, itemType, size, hasPassword, expiresAt, permissions, label, Optional.of(v));
    }
}
