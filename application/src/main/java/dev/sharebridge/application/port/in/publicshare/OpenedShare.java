package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.SharePermissions;
import java.time.Instant;
import java.util.Optional;

/** What a visitor learns when opening a link (the body of {@code GET /api/s/{token}}). */
public record OpenedShare(
        String itemName,
        ItemType itemType,
        long size,
        boolean hasPassword,
        Optional<Instant> expiresAt,
        SharePermissions permissions,
        Optional<String> label) {}
