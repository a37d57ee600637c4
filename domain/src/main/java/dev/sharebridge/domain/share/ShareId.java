package dev.sharebridge.domain.share;

import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The server-side identity of a share link (a UUID; never the token). */
public record ShareId(UUID value) {
    public ShareId {
        Objects.requireNonNull(value, "value");
    }

    public static ShareId random() {
        return new ShareId(UUID.randomUUID());
    }

    /** Parses the canonical UUID text; empty for anything else. */
    public static Optional<ShareId> parse(String text) {
        if (text == null || text.length() != 36) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(text);
            return uuid.toString().equals(text.toLowerCase(java.util.Locale.ROOT))
                    ? Optional.of(new ShareId(uuid))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static ShareId of(String text) {
        return parse(text).orElseThrow(() -> new InvalidValueException(Field.ID, "not a share id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
