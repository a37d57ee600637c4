package dev.sharebridge.adapter.http.javalin.openapi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml}: the API description, {@code docs/openapi.yaml} copied onto the
 * classpath by the build, so the document served and the one in the repository are the same file.
 */
public final class OpenApiRoutes {
    /** Where the build puts the document on the classpath. */
    public static final String RESOURCE = "dev/sharebridge/adapter/http/javalin/openapi/openapi.yaml";

    public static final String CONTENT_TYPE = "application/yaml; charset=utf-8";
    private final byte[] document;

    public OpenApiRoutes() {
        this.document = load();
    }

    public void register(RoutesConfig routes) {
        routes.get("/openapi.yaml", this::serve);
    }

    private void serve(Context ctx) {
        ctx.header("Cache-Control", "no-cache");
        ctx.status(200).contentType(CONTENT_TYPE).result(document);
    }

    /** The document as built into this jar. */
    public static byte[] load() {
        try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; build with Maven");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
