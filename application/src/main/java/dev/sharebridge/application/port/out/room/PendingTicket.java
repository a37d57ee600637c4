package dev.sharebridge.application.port.out.room;

import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a signaling ticket admits to: a room, as a user or (no user) as a guest, until {@code expiresAt}. */
public record PendingTicket(RoomId room, Optional<UserId> user, Instant expiresAt) {
    public PendingTicket {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
