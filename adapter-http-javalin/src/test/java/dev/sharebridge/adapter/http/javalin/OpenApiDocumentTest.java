package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sharebridge.adapter.http.javalin.openapi.OpenApiRoutes;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.websocket.WsHandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.yaml} and the running server have exactly the same routes. Routes compare as
 * {@code METHOD /path} with every path parameter written {@code {}} (Javalin's {@code {id}} and
 * {@code <path>} as OpenAPI's {@code {id}}); trailing-slash variants are not separate routes (the
 * router ignores trailing slashes). The {@code /signaling} WebSocket counts as {@code GET}, the
 * method of its upgrade request. No HEAD route is registered: every HTTP GET route answers HEAD
 * (RequestMethod), so the server has a HEAD for each of them, and the document may name it or
 * leave it implied; a documented HEAD without a GET route is noticed.
 */
class OpenApiDocumentTest extends ApiTestSupport {
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "head", "patch", "options", "trace");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Override
    MeterRegistry metrics() {
        // with a Prometheus registry the server also has /metrics, as in production
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    static String normalise(String path) {
        String p = path.replaceAll("\\{[^}/]*\\}", "{}").replaceAll("<[^>/]*>", "{}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    static Set<String> serverRoutes(Javalin app) {
        Set<String> routes = new TreeSet<>();
        app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(e -> e.method.isHttpMethod())
                .forEach(e -> routes.add(e.method.name() + " " + normalise(e.path)));
        routes.stream().filter(r -> r.startsWith("GET ")).toList().forEach(r -> routes.add("HEAD " + r.substring(4)));
        app.unsafe.internalRouter.allWsHandlers().stream()
                .filter(w -> w.getType() == WsHandlerType.WEBSOCKET)
                .forEach(w -> routes.add("GET " + normalise(w.getPath())));
        return routes;
    }

    static Set<String> documentRoutes(JsonNode document) {
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    routes.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + normalise(path.getKey()));
                }
            }
        }
        return routes;
    }

    static JsonNode document() throws IOException {
        return YAML.readTree(OpenApiRoutes.load());
    }

    /**
     * The server's routes the document lacks; it may leave HEAD implied, and WebDAV ({@code /dav},
     * methods OpenAPI cannot name) is described in docs/webdav.md and reference §11 instead.
     */
    private static Set<String> undocumented(Set<String> server, Set<String> documented) {
        Set<String> rest = minus(server, documented);
        rest.removeIf(r -> r.startsWith("HEAD "));
        rest.removeIf(r -> r.endsWith(" /dav") || r.contains(" /dav/"));
        return rest;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    @Test
    void theDocumentAndTheServerHaveTheSameRoutes() throws IOException {
        Set<String> server = serverRoutes(api.running());
        Set<String> documented = documentRoutes(document());

        assertThat(server)
                .as("sanity: the comparison sees the routes")
                .contains(
                        "GET /api/s/{}",
                        "GET /signaling",
                        "HEAD /api/files/{}",
                        "GET /metrics",
                        "GET /openapi.yaml",
                        "GET /health");
        assertThat(undocumented(server, documented))
                .as("routes the server has but docs/openapi.yaml lacks")
                .isEmpty();
        assertThat(minus(documented, server))
                .as("routes docs/openapi.yaml has but the server lacks")
                .isEmpty();
    }

    @Test
    void aRouteMissingFromTheDocumentIsNoticed() throws IOException {
        api.running()
                .unsafe
                .internalRouter
                .addHttpEndpoint(new Endpoint(HandlerType.GET, "/api/undocumented/{id}", ctx -> ctx.status(204)));

        assertThat(undocumented(serverRoutes(api.running()), documentRoutes(document())))
                .containsExactly("GET /api/undocumented/{}");
    }

    @Test
    void aDocumentedRouteTheServerLacksIsNoticed() throws IOException {
        JsonNode doc = document();
        ((ObjectNode) doc.path("paths")).putObject("/api/ghost/{token}").putObject("delete");
        ((ObjectNode) doc.path("paths").path("/health")).putObject("post");
        ((ObjectNode) doc.path("paths").path("/api/s/{token}/verify")).putObject("head");

        assertThat(minus(documentRoutes(doc), serverRoutes(api.running())))
                .containsExactly("DELETE /api/ghost/{}", "HEAD /api/s/{}/verify", "POST /health");
    }

    @Test
    void pathParametersAndTrailingSlashesNormalise() {
        assertThat(normalise("/api/s/{token}/download/<path>")).isEqualTo("/api/s/{}/download/{}");
        assertThat(normalise("/api/s/{token}/download/{subpath}")).isEqualTo("/api/s/{}/download/{}");
        assertThat(normalise("/api/folders/")).isEqualTo("/api/folders");
        assertThat(normalise("/")).isEqualTo("/");
    }

    @Test
    void theServedDocumentIsTheOneInDocs() throws IOException {
        HttpResponse<byte[]> r = sendBytes(req("/openapi.yaml"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/yaml"));
        assertThat(r.body()).isEqualTo(Files.readAllBytes(Path.of("..", "docs", "openapi.yaml")));
        assertThat(YAML.readTree(r.body()).path("openapi").asText()).startsWith("3.");
    }
}
