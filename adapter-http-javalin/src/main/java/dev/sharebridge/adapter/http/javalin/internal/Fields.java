package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.domain.InvalidValueException;
import java.util.function.Supplier;

/** Re-labels validation errors with the name the client used for the field. */
public final class Fields {
    private Fields() {}

    public static <T> T as(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidValueException e) {
            String msg = e.messageNaming(WireNames.of(e));
            throw new InvalidValueException(field, msg.contains(field) ? msg : field + ": " + msg);
        }
    }
}
