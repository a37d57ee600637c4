package dev.sharebridge.domain.user;

import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A user's name, which is also their identity: 1–64 characters of {@code a-z 0-9 . _ -}, starting
 * with a letter or digit. Lower case only, so that two users can never differ only by case.
 */
public record UserId(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public UserId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidValueException(
                    Field.USER,
                    "{field} names are 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
