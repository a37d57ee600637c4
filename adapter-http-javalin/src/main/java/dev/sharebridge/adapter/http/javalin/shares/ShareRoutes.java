package dev.sharebridge.adapter.http.javalin.shares;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.adapter.http.javalin.internal.Auth;
import dev.sharebridge.adapter.http.javalin.internal.Fields;
import dev.sharebridge.adapter.http.javalin.internal.Json;
import dev.sharebridge.adapter.http.javalin.internal.ShareJson;
import dev.sharebridge.adapter.http.javalin.internal.ShareJson.PermissionsJson;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.share.FieldUpdate;
import dev.sharebridge.application.port.in.share.ManageShareLinksUseCase;
import dev.sharebridge.application.port.in.share.NewShareCommand;
import dev.sharebridge.application.port.in.share.ShareUpdate;
import dev.sharebridge.application.port.in.share.ShareViewPage;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.LinkLimits;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The owner's share-link management routes (docs/reference.md §6): create, list, get, update, delete. */
public final class ShareRoutes {
    private static final Set<String> UPDATABLE =
            Set.of("password", "expires_at", "permissions", "label", "max_accesses");
    private final ManageShareLinksUseCase shares;
    private final Auth auth;
    private final Json json;

    public ShareRoutes(ManageShareLinksUseCase shares, Auth auth, Json json) {
        this.shares = shares;
        this.auth = auth;
        this.json = json;
    }

    /** {@code POST /api/shares} body; server fields (token, counts, owner) are unknown fields here. */
    record CreateRequest(
            String itemId,
            String itemType,
            String password,
            String expiresAt,
            PermissionsJson permissions,
            String label,
            Long maxAccesses,
            Long maxUploadBytes,
            Long maxFileBytes) {}

    record PageJson(List<ShareJson> items, String nextCursor) {}

    public void register(RoutesConfig routes) {
        Json.route(routes, HandlerType.POST, "/api/shares", this::create);
        routes.get("/api/shares", this::list);
        routes.get("/api/shares/{id}", this::get);
        Json.route(routes, HandlerType.PUT, "/api/shares/{id}", this::update);
        routes.delete("/api/shares/{id}", this::delete);
    }

    private void create(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        CreateRequest req = json.read(ctx, CreateRequest.class);
        if (req.itemId() == null) {
            throw new InvalidValueException("item_id", "item_id is required");
        }
        ItemPath path = Fields.as("item_id", () -> ItemPath.parse(req.itemId()));
        Optional<ItemType> type = Optional.ofNullable(req.itemType())
                .map(t -> ItemType.fromWireName(t)
                        .orElseThrow(() ->
                                new InvalidValueException("item_type", "item_type must be \"file\" or \"folder\"")));
        NewShareCommand command = new NewShareCommand(
                path,
                type,
                Optional.ofNullable(req.password()),
                Optional.ofNullable(req.expiresAt()).map(e -> Json.instant("expires_at", e)),
                Optional.ofNullable(req.permissions()).map(p -> Fields.as("permissions", p::toPermissions)),
                Optional.ofNullable(req.label()),
                Optional.ofNullable(req.maxAccesses()),
                new LinkLimits(Optional.ofNullable(req.maxUploadBytes()), Optional.ofNullable(req.maxFileBytes())));
        json.respond(ctx, 201, ShareJson.from(shares.create(user, command)));
    }

    private void list(Context ctx) {
        UserId user = auth.user(ctx);
        Optional<ItemPath> item =
                Optional.ofNullable(ctx.queryParam("item_id")).map(i -> Fields.as("item_id", () -> ItemPath.parse(i)));
        int limit = ManageShareLinksUseCase.DEFAULT_PAGE_SIZE;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > ManageShareLinksUseCase.MAX_PAGE_SIZE) {
                throw new InvalidValueException(
                        "limit", "limit must be a number from 1 to " + ManageShareLinksUseCase.MAX_PAGE_SIZE);
            }
        }
        Optional<String> cursor = Optional.ofNullable(ctx.queryParam("cursor")).filter(c -> !c.isEmpty());
        ShareViewPage page = shares.list(user, item, limit, cursor);
        json.respond(
                ctx,
                200,
                new PageJson(
                        page.items().stream().map(ShareJson::from).toList(),
                        page.nextCursor().orElse(null)));
    }

    private void get(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        json.respond(ctx, 200, ShareJson.from(shares.get(user, shareId(ctx))));
    }

    private void update(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        ShareId id = shareId(ctx);
        JsonNode body = json.readTree(ctx);
        if (!body.isObject()) {
            throw new InvalidValueException("body", "the request body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!UPDATABLE.contains(name)) {
                throw new InvalidValueException(name, "unknown field '" + name + "'");
            }
        }
        FieldUpdate<SharePermissions> permissions = field(
                body,
                "permissions",
                n -> Fields.as(
                        "permissions",
                        () -> json.convert(n, PermissionsJson.class, "permissions")
                                .toPermissions()));
        if (permissions instanceof FieldUpdate.Clear) {
            throw new InvalidValueException("permissions", "permissions cannot be null; send the flags to set");
        }
        ShareUpdate update = new ShareUpdate(
                field(body, "password", n -> json.convert(n, String.class, "password")),
                field(body, "expires_at", n -> Json.instant("expires_at", json.convert(n, String.class, "expires_at"))),
                permissions,
                field(body, "label", n -> json.convert(n, String.class, "label")),
                field(body, "max_accesses", n -> json.convert(n, Long.class, "max_accesses")));
        json.respond(ctx, 200, ShareJson.from(shares.update(user, id, update)));
    }

    private void delete(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        shares.delete(user, shareId(ctx));
        ctx.status(204);
    }

    /** Absent = unchanged, {@code null} = clear, a value = set. */
    private static <T> FieldUpdate<T> field(JsonNode body, String name, Function<JsonNode, T> convert) {
        if (!body.has(name)) {
            return FieldUpdate.unchanged();
        }
        JsonNode node = body.get(name);
        if (node.isNull()) {
            return FieldUpdate.clear();
        }
        return FieldUpdate.set(convert.apply(node));
    }

    /** A malformed id is simply a share that does not exist. */
    private static ShareId shareId(Context ctx) throws NotFoundException {
        return ShareId.parse(ctx.pathParam("id")).orElseThrow(() -> new NotFoundException("share not found"));
    }
}
