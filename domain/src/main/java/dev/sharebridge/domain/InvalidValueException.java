package dev.sharebridge.domain;

/**
 * Thrown when a value object or entity is given input that breaks one of its rules.
 *
 * <p>{@link #field()} names the offending input (e.g. {@code "path"}, {@code "expires_at"}) so a
 * driving adapter can report it without parsing the message. Messages never contain secrets.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidValueException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
