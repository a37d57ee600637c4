package dev.sharebridge.adapter.http.javalin.shares;

import dev.sharebridge.adapter.http.javalin.internal.Auth;
import dev.sharebridge.adapter.http.javalin.internal.Fields;
import dev.sharebridge.adapter.http.javalin.internal.Json;
import dev.sharebridge.application.port.in.file.DeleteItemUseCase;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/shares/count?below=PATH}: how many of the caller's share links (reshared ones
 * included) sit on an item or below it, i.e. would die if it were deleted. Lets a client say so
 * in its delete confirmation. Must be registered before {@code /api/shares/{id}}.
 */
public final class ShareCountRoutes {
    private final DeleteItemUseCase files;
    private final Auth auth;
    private final Json json;

    public ShareCountRoutes(DeleteItemUseCase files, Auth auth, Json json) {
        this.files = files;
        this.auth = auth;
        this.json = json;
    }

    record CountJson(String below, int count) {}

    public void register(RoutesConfig routes) {
        routes.get("/api/shares/count", this::count);
    }

    private void count(Context ctx) {
        UserId user = auth.user(ctx);
        String raw = ctx.queryParam("below");
        if (raw == null) {
            throw new InvalidValueException("below", "below is required: the path of the item");
        }
        ItemPath path = Fields.as("below", () -> ItemPath.parse(raw));
        json.respond(ctx, 200, new CountJson(path.toString(), files.countSharesBelow(user, path)));
    }
}
