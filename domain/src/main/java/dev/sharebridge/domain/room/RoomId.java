package dev.sharebridge.domain.room;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The server-side identity of a meeting room (a UUID; folder names are built from it, never from titles). */
public record RoomId(UUID value) {
    public RoomId {
        Objects.requireNonNull(value, "value");
    }

    public static RoomId random() {
        return new RoomId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text; empty for anything else. */
    public static Optional<RoomId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equals(text.toLowerCase(Locale.ROOT))
                    ? Optional.of(new RoomId(uuid))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
