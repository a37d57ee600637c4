package dev.sharebridge.adapter.http.javalin.uploads;

import dev.sharebridge.adapter.http.javalin.internal.Auth;
import dev.sharebridge.adapter.http.javalin.internal.Fields;
import dev.sharebridge.adapter.http.javalin.internal.HttpProblem;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.upload.Chunk;
import dev.sharebridge.application.port.in.upload.NewUpload;
import dev.sharebridge.application.port.in.upload.UploadStatus;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.upload.UploadId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tus 1.0 protocol (core, creation, creation-with-upload, termination, expiration, checksum
 * with sha1) for the owner's space and for links; docs/uploads.md. This class only reads and
 * writes tus headers: who may upload what, the size limits, the target's checks and the link's
 * checks are the use cases'.
 */
public final class UploadRoutes {
    static final String VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,creation-with-upload,termination,expiration,checksum";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    static final String OWNER_BASE = "/api/uploads";
    static final String LINK_BASE = "/api/s/{token}/uploads";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).withLocale(Locale.ROOT);
    private static final int MAX_METADATA_CHARS = 4096;

    private final UploadPorts ports;
    private final Auth auth;
    private final Function<Context, PublicAccess> linkAccess;

    /** @param linkAccess the caller of a link route as the other link routes see it (token, grant, client) */
    public UploadRoutes(UploadPorts ports, Auth auth, Function<Context, PublicAccess> linkAccess) {
        this.ports = ports;
        this.auth = auth;
        this.linkAccess = linkAccess;
    }

    public void register(RoutesConfig routes) {
        HandlerType options = HandlerType.findOrCreate("OPTIONS");
        for (String base : new String[] {OWNER_BASE, LINK_BASE}) {
            boolean owner = base.equals(OWNER_BASE);
            routes.addHttpHandler(options, base, this::options);
            routes.addHttpHandler(options, base + "/{id}", this::options);
            routes.addHttpHandler(HandlerType.POST, base, ctx -> create(ctx, owner));
            routes.addHttpHandler(HandlerType.GET, base + "/{id}", ctx -> status(ctx, owner)); // and HEAD
            routes.addHttpHandler(HandlerType.PATCH, base + "/{id}", ctx -> append(ctx, owner));
            routes.addHttpHandler(HandlerType.DELETE, base + "/{id}", ctx -> cancel(ctx, owner));
        }
    }

    private void options(Context ctx) {
        ctx.header("Tus-Resumable", VERSION);
        ctx.header("Tus-Version", VERSION);
        ctx.header("Tus-Extension", EXTENSIONS);
        ctx.header("Tus-Max-Size", Long.toString(ports.maxBytes()));
        ctx.header("Tus-Checksum-Algorithm", "sha1");
        ctx.status(204);
    }

    private void create(Context ctx, boolean owner) throws Exception {
        tusRequest(ctx);
        if (ctx.header("Upload-Defer-Length") != null) {
            throw new InvalidValueException("Upload-Defer-Length", "Upload-Length must be known at creation");
        }
        long length = number(ctx, "Upload-Length");
        String rawMetadata = Optional.ofNullable(ctx.header("Upload-Metadata")).orElse("");
        if (rawMetadata.length() > MAX_METADATA_CHARS) {
            throw new InvalidValueException("Upload-Metadata", "Upload-Metadata may have at most 4096 characters");
        }
        ItemPath target = target(metadata(rawMetadata));
        NewUpload request = new NewUpload(target, length, rawMetadata);
        UploadStatus status = owner
                ? ports.owner().create(auth.user(ctx), request)
                : ports.links().create(linkAccess.apply(ctx), request);
        ctx.header("Location", location(ctx, owner, status.id()));
        if (hasBody(ctx) && !status.isComplete()) {
            // creation-with-upload: the body is the first chunk
            checkContentType(ctx);
            status = append(ctx, owner, status.id(), new Chunk(0, ctx.req().getInputStream(), checksum(ctx)));
        }
        headers(ctx, status);
        ctx.status(201);
    }

    private void status(Context ctx, boolean owner) throws Exception {
        tusRequest(ctx);
        UploadId id = id(ctx);
        UploadStatus status =
                owner ? ports.owner().status(auth.user(ctx), id) : ports.links().status(linkAccess.apply(ctx), id);
        headers(ctx, status);
        ctx.header("Upload-Length", Long.toString(status.length()));
        if (!status.metadata().isEmpty()) {
            ctx.header("Upload-Metadata", status.metadata());
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(200);
    }

    private void append(Context ctx, boolean owner) throws Exception {
        tusRequest(ctx);
        UploadId id = id(ctx);
        checkContentType(ctx);
        long offset = number(ctx, "Upload-Offset");
        Optional<byte[]> sha1 = checksum(ctx);
        UploadStatus status = append(ctx, owner, id, new Chunk(offset, ctx.req().getInputStream(), sha1));
        headers(ctx, status);
        ctx.status(204);
    }

    private UploadStatus append(Context ctx, boolean owner, UploadId id, Chunk chunk) throws Exception {
        return owner
                ? ports.owner().append(auth.user(ctx), id, chunk)
                : ports.links().append(linkAccess.apply(ctx), id, chunk);
    }

    private void cancel(Context ctx, boolean owner) throws Exception {
        tusRequest(ctx);
        UploadId id = id(ctx);
        if (owner) {
            ports.owner().cancel(auth.user(ctx), id);
        } else {
            ports.links().cancel(linkAccess.apply(ctx), id);
        }
        ctx.status(204);
    }

    /** {@code Tus-Resumable} on the answer, and the request's must be the version spoken here. */
    private static void tusRequest(Context ctx) {
        ctx.header("Tus-Resumable", VERSION);
        String version = ctx.header("Tus-Resumable");
        if (!VERSION.equals(version == null ? null : version.strip())) {
            throw new HttpProblem(
                    412,
                    "precondition_failed",
                    "Tus-Resumable must be " + VERSION + " (the only tus version spoken here)",
                    Map.of("Tus-Version", VERSION));
        }
    }

    private static void checkContentType(Context ctx) {
        String type = ctx.header("Content-Type");
        String bare = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!bare.equals(OFFSET_OCTET_STREAM)) {
            throw new HttpProblem(
                    415, "unsupported_media_type", "a chunk's Content-Type must be " + OFFSET_OCTET_STREAM, Map.of());
        }
    }

    private static boolean hasBody(Context ctx) {
        return ctx.header("Transfer-Encoding") != null || ctx.req().getContentLengthLong() > 0;
    }

    private static void headers(Context ctx, UploadStatus status) {
        ctx.header("Upload-Offset", Long.toString(status.offset()));
        if (!status.isComplete()) {
            ctx.header("Upload-Expires", HTTP_DATE.format(status.expiresAt()));
        }
    }

    private static String location(Context ctx, boolean owner, UploadId id) {
        if (owner) {
            return OWNER_BASE + "/" + id.value();
        }
        return "/api/s/" + ctx.pathParam("token") + "/uploads/" + id.value();
    }

    private static UploadId id(Context ctx) throws NotFoundException {
        return UploadId.parse(ctx.pathParam("id")).orElseThrow(() -> new NotFoundException("no such upload"));
    }

    private static long number(Context ctx, String header) {
        String text = ctx.header(header);
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(header, header + " is required");
        }
        String t = text.strip();
        if (t.length() > 18 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException(header, header + " must be a number of bytes");
        }
        return Long.parseLong(t);
    }

    /** {@code Upload-Checksum: sha1 <base64>}; any other algorithm is refused (400), as tus says. */
    private static Optional<byte[]> checksum(Context ctx) {
        String text = ctx.header("Upload-Checksum");
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.strip().split(" ", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("sha1")) {
            throw new InvalidValueException("Upload-Checksum", "Upload-Checksum must be 'sha1 <base64 digest>'");
        }
        try {
            byte[] digest = Base64.getDecoder().decode(parts[1].strip());
            if (digest.length != 20) {
                throw new IllegalArgumentException("not 20 bytes");
            }
            return Optional.of(digest);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("Upload-Checksum", "Upload-Checksum must be 'sha1 <base64 digest>'");
        }
    }

    /** {@code key base64,key base64,key}: the tus metadata, values decoded as UTF-8. */
    static Map<String, String> metadata(String raw) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (raw.isBlank()) {
            return pairs;
        }
        for (String pair : raw.split(",", -1)) {
            String[] kv = pair.strip().split(" ", 2);
            String key = kv[0];
            if (key.isEmpty()) {
                throw new InvalidValueException("Upload-Metadata", "Upload-Metadata has an empty key");
            }
            String value = "";
            if (kv.length == 2) {
                try {
                    value = new String(Base64.getDecoder().decode(kv[1].strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new InvalidValueException(
                            "Upload-Metadata", "the value of " + key + " in Upload-Metadata is not base64");
                }
            }
            pairs.put(key, value);
        }
        return pairs;
    }

    /**
     * The file's place: the folder {@code path} (default the root of the space or link) and below it
     * {@code relativePath} (a file of a folder upload, e.g. {@code photos/2024/a.jpg}; what Uppy
     * sends), else {@code filename}, else {@code name}.
     */
    static ItemPath target(Map<String, String> metadata) {
        ItemPath folder = Fields.as("path", () -> ItemPath.parse(metadata.getOrDefault("path", "")));
        String name = Optional.ofNullable(metadata.get("relativePath"))
                .filter(v -> !v.isBlank() && !v.equals("null"))
                .or(() -> Optional.ofNullable(metadata.get("filename")).filter(v -> !v.isBlank()))
                .or(() -> Optional.ofNullable(metadata.get("name")).filter(v -> !v.isBlank()))
                .orElseThrow(() -> new InvalidValueException(
                        "Upload-Metadata", "Upload-Metadata must name the file (filename, or relativePath)"));
        ItemPath file = Fields.as("filename", () -> ItemPath.parse(name));
        if (file.isRoot()) {
            throw new InvalidValueException("filename", "filename must name a file");
        }
        return folder.resolve(file);
    }
}
