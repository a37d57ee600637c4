package dev.sharebridge.adapter.http.javalin.files;

import dev.sharebridge.adapter.http.javalin.internal.Auth;
import dev.sharebridge.adapter.http.javalin.internal.Downloads;
import dev.sharebridge.adapter.http.javalin.internal.Fields;
import dev.sharebridge.adapter.http.javalin.internal.ItemJson;
import dev.sharebridge.adapter.http.javalin.internal.Json;
import dev.sharebridge.adapter.http.javalin.internal.PathParams;
import dev.sharebridge.adapter.http.javalin.internal.RequestBodies;
import dev.sharebridge.adapter.http.javalin.internal.RequestMethod;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Optional;

/** The owner's files API (docs/reference.md §5): upload, download, folders, move, delete in the caller's space. */
public final class FileRoutes {
    private final FileUseCases files;
    private final Auth auth;
    private final Json json;

    public FileRoutes(FileUseCases files, Auth auth, Json json) {
        this.files = files;
        this.auth = auth;
        this.json = json;
    }

    /** The folder form: {@code {path, name, type:"folder", children:[item...]}}. */
    record FolderJson(String path, String name, String type, List<ItemJson> children) {}

    /** {@code POST /api/files/move} body: {@code overwrite} absent is false. */
    record MoveRequest(String from, String to, Boolean overwrite) {}

    public void register(RoutesConfig routes) {
        // no other POST below /api/files, so a file named "move" stays reachable by every other method
        Json.route(routes, HandlerType.POST, "/api/files/move", this::move);
        routes.put("/api/files/<path>", this::upload);
        routes.get("/api/files/<path>", this::download); // and HEAD: RequestMethod
        routes.delete("/api/files/<path>", this::delete);
        routes.post("/api/folders/<path>", this::makeFolder);
        routes.get("/api/folders", this::list);
        routes.get("/api/folders/<path>", this::list);
    }

    private void upload(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        ItemPath path = nonRoot(ctx);
        // the raw body goes to storage as a stream: never buffered here
        // over the largest file or the quota with a Content-Length: refused before a byte is read
        WriteResult result = files.upload(user, path, ctx.req().getInputStream(), RequestBodies.declaredLength(ctx));
        json.respond(ctx, result.created() ? 201 : 200, ItemJson.from(result.item()));
    }

    private void download(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        ItemPath path = nonRoot(ctx);
        StoredItem item = files.stat(user, path);
        if (item.isFolder()) {
            throw new NotFoundException("no such file");
        }
        if (Downloads.notModified(ctx, Downloads.etag(item))) {
            Downloads.notModifiedResponse(ctx, item);
            return;
        }
        Optional<ByteRange> range = Downloads.range(ctx, item.size(), Downloads.etag(item));
        if (RequestMethod.isHead(ctx)) {
            Downloads.headers(ctx, item, range, Downloads.inlineAsked(ctx));
            return;
        }
        Downloads.send(ctx, files.read(user, path, range), Downloads.inlineAsked(ctx));
    }

    private void delete(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        files.delete(user, nonRoot(ctx));
        ctx.status(204);
    }

    /**
     * Moves or renames an item within the caller's space; its share links, and those below it,
     * follow it (docs/architecture.md, "Moving items with share links"). No parent folders are
     * made: a missing one is 409, as with WebDAV {@code MOVE}.
     */
    private void move(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        MoveRequest req = json.read(ctx, MoveRequest.class);
        ItemPath from = required("from", req.from());
        ItemPath to = required("to", req.to());
        TransferResult result = files.move(user, from, to, Boolean.TRUE.equals(req.overwrite()));
        json.respond(ctx, result.created() ? 201 : 200, ItemJson.from(result.item()));
    }

    private static ItemPath required(String field, String text) {
        if (text == null) {
            throw new InvalidValueException(field, field + " is required");
        }
        ItemPath path = Fields.as(field, () -> ItemPath.parse(text));
        if (path.isRoot()) {
            throw new InvalidValueException(field, field + " must name an item, not the root");
        }
        return path;
    }

    private void makeFolder(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        ItemPath path = nonRoot(ctx);
        boolean created = files.makeFolder(user, path);
        json.respond(ctx, created ? 201 : 200, ItemJson.from(files.stat(user, path)));
    }

    private void list(Context ctx) throws Exception {
        UserId user = auth.user(ctx);
        FolderListing listing = files.list(user, PathParams.itemPath(ctx));
        StoredItem folder = listing.folder();
        json.respond(
                ctx,
                200,
                new FolderJson(
                        folder.path().relative(),
                        folder.name(),
                        "folder",
                        listing.children().stream().map(ItemJson::from).toList()));
    }

    private static ItemPath nonRoot(Context ctx) {
        ItemPath path = PathParams.itemPath(ctx);
        if (path.isRoot()) {
            throw new InvalidValueException(PathParams.PATH, "path must name an item, not the root");
        }
        return path;
    }
}
