package dev.sharebridge.domain.room;

import dev.sharebridge.domain.DisplayText;
import dev.sharebridge.domain.Field;
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
        title.ifPresent(Room::checkStoredTitle);
    }

    /** A new room, with a title checked against the rules for text given now ({@link DisplayText#check}). */
    public static Room create(RoomId id, Optional<String> title, UserId createdBy, Instant createdAt) {
        title.ifPresent(Room::checkTitle);
        return new Room(id, title, createdBy, createdAt);
    }

    public static void checkTitle(String title) {
        checkStoredTitle(title);
        DisplayText.check(Field.TITLE, title);
    }

    /** What every title follows, also one stored before the rules of new titles grew. */
    private static void checkStoredTitle(String title) {
        if (title.length() > MAX_TITLE_LENGTH) {
            throw new InvalidValueException(Field.TITLE, "{field} must not exceed " + MAX_TITLE_LENGTH + " characters");
        }
        if (title.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(Field.TITLE, "{field} must not contain control characters");
        }
    }

    public boolean isOwner(UserId user) {
        return createdBy.equals(user);
    }
}
