package dev.sharebridge.domain.room;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A meeting room. Its creator is its owner and always a moderator. */
public record Room(RoomId id, Optional<String> title, UserId createdBy, Instant createdAt) {
    public static final int MAX_TITLE_LENGTH = 255;

    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        title.ifPresent(Room::checkTitle);
    }

    public static void checkTitle(String title) {
        if (title.length() > MAX_TITLE_LENGTH) {
            throw new InvalidValueException("title", "title must not exceed " + MAX_TITLE_LENGTH + " characters");
        }
        for (int i = 0; i < title.length(); i++) {
            if (Character.isISOControl(title.charAt(i))) {
                throw new InvalidValueException("title", "title must not contain control characters");
            }
        }
    }

    public boolean isOwner(UserId user) {
        return createdBy.equals(user);
    }
}
