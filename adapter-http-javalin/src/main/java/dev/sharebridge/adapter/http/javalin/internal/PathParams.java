package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import io.javalin.http.Context;

/** Turns the wildcard path parameter (already percent-decoded once by the router) into an {@link ItemPath}. */
public final class PathParams {
    public static final String PATH = "path";

    private PathParams() {}

    /** The {@code <path>} parameter, or the root when the route has none. */
    public static ItemPath itemPath(Context ctx) {
        String raw = ctx.pathParamMap().get(PATH);
        if (raw == null) {
            return ItemPath.root();
        }
        if (raw.startsWith("/")) {
            // the route already consumed one slash: a leading one here was a double slash
            throw new InvalidValueException(PATH, "path segments must not be empty");
        }
        return ItemPath.parse(raw);
    }
}
