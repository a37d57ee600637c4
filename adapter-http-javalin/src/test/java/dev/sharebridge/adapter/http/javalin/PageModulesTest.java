package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pages' script modules as a browser gets them: every module a page reaches through its
 * {@code <script type="module">} and the imports is served from this server with its type and
 * the page headers, and is the file in the resources; every module file in the resources is
 * reached by a page (none left out of the list of served files, none dead); docs/openapi.yaml
 * names exactly the served ones; nothing else is served under {@code /assets/} and {@code /app/}.
 */
class PageModulesTest extends ApiTestSupport {
    private static final String CSP =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                    + "media-src 'self' blob:; frame-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final String SHARE_PAGE = "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final Pattern MODULE_PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\"");
    private static final Pattern STYLESHEET = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\"");

    /** The resource a module's path serves: /app/NAME is app/NAME, /assets/PATH is PATH. */
    private static String resourceOf(String path) {
        if (path.startsWith("/app/")) {
            return "sharebridge-web/app/" + path.substring("/app/".length());
        }
        assertThat(path).startsWith("/assets/");
        return "sharebridge-web/" + path.substring("/assets/".length());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PageModulesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static void assertPageHeaders(String path, HttpResponse<?> r) {
        assertThat(r.headers().allValues("Content-Security-Policy")).as(path).containsExactly(CSP);
        assertThat(r.headers().allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", SHARE_PAGE})
    void everyModuleAPageReachesIsServedAsJavaScriptWithThePageHeaders(String page) throws IOException {
        Map<String, HttpResponse<String>> modules = PageModules.reachable(this, page);
        assertThat(modules)
                .as("the entry and its imports")
                .hasSizeGreaterThan(5)
                .containsKey(page.equals("/") ? "/app/main.js" : "/assets/share/main.js")
                .containsKey("/assets/lib/http.js");
        for (Map.Entry<String, HttpResponse<String>> m : modules.entrySet()) {
            String path = m.getKey();
            HttpResponse<String> r = m.getValue();
            assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                    .as(path)
                    .isEqualTo("text/javascript;charset=utf-8");
            assertPageHeaders(path, r);
            assertThat(r.body().getBytes(StandardCharsets.UTF_8)).as(path).isEqualTo(resource(resourceOf(path)));
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertThat(sendBytes(req(path).header("If-None-Match", etag)).statusCode())
                    .as(path)
                    .isEqualTo(304);
        }
    }

    /**
     * The page names every module it imports as a {@code modulepreload}, so the browser fetches
     * them all at once after the HTML instead of one import level at a time; a module added
     * without its preload (or a stale preload) fails here.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/", SHARE_PAGE})
    void aPagePreloadsExactlyTheModulesItImports(String page) {
        Set<String> imported = new TreeSet<>(PageModules.reachable(this, page).keySet());
        imported.remove(page.equals("/") ? "/app/main.js" : "/assets/share/main.js");
        Matcher preloads = MODULE_PRELOAD.matcher(send(req(page)).body());
        Set<String> preloaded = new TreeSet<>();
        while (preloads.find()) {
            preloaded.add(preloads.group(1));
        }
        assertThat(preloaded).isEqualTo(imported);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", SHARE_PAGE})
    void everyStyleSheetAPageLinksIsServed(String page) {
        Matcher sheets = STYLESHEET.matcher(send(req(page)).body());
        int count = 0;
        while (sheets.find()) {
            count++;
            String path = sheets.group(1);
            HttpResponse<String> r = send(req(path));
            assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                    .as(path)
                    .isEqualTo("text/css;charset=utf-8");
            assertPageHeaders(path, r);
        }
        assertThat(count).isPositive();
    }

    /** The served paths of the module files in the resources (the inverse of {@link #resourceOf}). */
    private static Set<String> moduleFiles() throws IOException, URISyntaxException {
        URL url = PageModulesTest.class.getClassLoader().getResource("sharebridge-web");
        assertThat(url).isNotNull();
        assertThat(url.getProtocol())
                .as("the resources are a folder in this module's tests")
                .isEqualTo("file");
        Path root = Path.of(url.toURI());
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".js"))
                    .map(f -> root.relativize(f).toString().replace('\\', '/'))
                    .forEach(f -> paths.add(f.startsWith("app/") ? "/" + f : "/assets/" + f));
        }
        return paths;
    }

    private Set<String> reachedModules() {
        Set<String> reached = new TreeSet<>(PageModules.reachable(this, "/").keySet());
        reached.addAll(PageModules.reachable(this, SHARE_PAGE).keySet());
        return reached;
    }

    @Test
    void everyModuleFileIsReachedByAPage() throws IOException, URISyntaxException {
        assertThat(reachedModules()).as("modules the pages reach").isEqualTo(moduleFiles());
    }

    private static Set<String> documented(JsonNode document, String route, String prefix) {
        Set<String> paths = new TreeSet<>();
        JsonNode parameter =
                document.path("paths").path(route).path("parameters").get(0);
        parameter.path("schema").path("enum").forEach(name -> paths.add(prefix + name.asText()));
        return paths;
    }

    @Test
    void theApiDocumentNamesExactlyTheServedAssets() throws IOException {
        JsonNode document = OpenApiDocumentTest.document();
        Set<String> documented = documented(document, "/assets/{path}", "/assets/");
        documented.addAll(documented(document, "/app/{name}", "/app/"));
        Set<String> served = reachedModules();
        served.addAll(Set.of("/assets/share.css", "/app/app.css"));
        assertThat(documented).isEqualTo(served);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/assets/lib",
                "/assets/lib/",
                "/assets/share/",
                "/assets/lib/nope.js",
                "/assets/lib/DOM.js",
                "/assets/share.js",
                "/app/app.js",
                "/assets/app/main.js",
                "/app/lib/dom.js",
                "/app/share/main.js",
                "/app/app/main.js",
                "/assets/share/main.js.map",
                "/assets/sharebridge-web/share.css",
                "/assets/share.html",
                "/assets/lib/..%2Fshare%2Fmain.js",
                "/assets/lib%2F..%2F..%2Fapp.html",
                "/app/..%2Fapp.html"
            })
    void nothingElseIsServed(String path) {
        HttpResponse<String> r = send(req(path));
        assertProblem(r, 404, "not_found");
        assertThat(r.headers().allValues("Content-Security-Policy")).as(path).containsExactly(CSP);
    }
}
