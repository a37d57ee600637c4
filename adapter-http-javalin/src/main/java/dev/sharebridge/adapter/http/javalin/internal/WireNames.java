package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;

/**
 * The one mapping from the domain's field names to the names the API's clients use (the JSON
 * properties, query and path parameters, all snake_case): the hexagon says {@code expiresAt}, a
 * client reads {@code expires_at}. The switch names every field, so a field added to the domain
 * does not compile here until it has its name.
 */
public final class WireNames {
    private WireNames() {}

    public static String of(Field field) {
        return switch (field) {
            case PATH -> "path";
            case ITEM_TYPE -> "item_type";
            case PERMISSIONS -> "permissions";
            case PASSWORD -> "password";
            case EXPIRES_AT -> "expires_at";
            case MAX_ACCESSES -> "max_accesses";
            case MAX_UPLOAD_BYTES -> "max_upload_bytes";
            case MAX_FILE_BYTES -> "max_file_bytes";
            case LABEL -> "label";
            case TITLE -> "title";
            case DISPLAY_NAME -> "display_name";
            case USER -> "user";
            case ID -> "id";
            case RANGE -> "range";
            case LIMIT -> "limit";
            case CURSOR -> "cursor";
        };
    }

    /** The name of {@code e}'s field on the wire; an adapter's own input already has its name there. */
    public static String of(InvalidValueException e) {
        return e.domainField().map(WireNames::of).orElse(e.field());
    }

    /**
     * The detail a client is shown for {@code e}: its message naming the field as the client
     * does, led by that name when the message does not already say it.
     */
    public static String detail(InvalidValueException e) {
        String field = of(e);
        String message = e.messageNaming(field);
        return message.contains(field) ? message : field + ": " + message;
    }
}
