package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The owners' web app at {@code /} with its assets, and the share count behind its delete confirmation. */
class AppPageTest extends ApiTestSupport {
    private static final String CSP =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                    + "media-src 'self' blob:; frame-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static void assertPageHeaders(HttpResponse<?> r) {
        assertThat(r.headers().allValues("Content-Security-Policy")).containsExactly(CSP);
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("X-Robots-Tag")).hasValue("noindex, nofollow");
    }

    @Test
    void theAppIsServedAtTheRootWithTheStrictHeaders() {
        HttpResponse<String> r = send(req("/"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo("text/html;charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertPageHeaders(r);
        assertThat(r.body())
                .startsWith("<!DOCTYPE html>")
                .contains("<script type=\"module\" src=\"/app/main.js\"")
                .contains("href=\"/app/app.css\"")
                .contains("href=\"/assets/share.css\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.css:text/css; charset=utf-8", "main.js:text/javascript; charset=utf-8"})
    void assetsHaveTheirTypeHeadersAndRevalidate(String spec) throws IOException {
        String name = spec.substring(0, spec.indexOf(':'));
        String type = spec.substring(spec.indexOf(':') + 1);
        HttpResponse<byte[]> r = sendBytes(req("/app/" + name));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo(type.replace(" ", ""));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertPageHeaders(r);
        assertThat(r.body()).isEqualTo(resource(name.endsWith(".js") ? "app/" + name : name));
        String etag = r.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> cached = sendBytes(req("/app/" + name).header("If-None-Match", etag));
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
    }

    @Test
    void unknownAppAssetsAre404() {
        assertProblem(send(req("/app/app.html")), 404, "not_found");
        assertProblem(send(req("/app/share.js")), 404, "not_found");
        assertProblem(send(req("/app/..%2Fapp.js")), 404, "not_found");
    }

    @Test
    void thePageHasNoInlineCodeAndTheTokenFieldCannotLandInAUrl() throws IOException {
        String html = new String(resource("app.html"), StandardCharsets.UTF_8);
        Matcher scripts =
                Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("script tag").containsPattern("\\bsrc=\"/app/");
        }
        assertThat(count).isEqualTo(1);
        assertThat(html).as("no inline script body").doesNotContainPattern("(?is)<script\\b[^>]*>\\s*[^<\\s]");
        assertThat(html).as("no event handler attributes").doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
        assertThat(html).as("no inline style").doesNotContainPattern("(?i)<style\\b|\\sstyle\\s*=");
        assertThat(html).as("no javascript: URLs").doesNotContainPattern("(?i)javascript:");
        assertThat(html).as("no third-party assets").doesNotContainPattern("(?i)(src|href|action)=\"(https?:)?//");
        // a form submitted natively (script blocked) sends only named fields: the token field has none
        Matcher token = Pattern.compile("<input id=\"signin-token\"[^>]*>").matcher(html);
        assertThat(token.find()).isTrue();
        assertThat(token.group()).contains("type=\"password\"").doesNotContainPattern("\\sname=");
        assertThat(html).doesNotContainPattern("<input [^>]*type=\"(password|text)\"[^>]*\\sname=");
    }

    @Test
    void theScriptBuildsNoMarkupFromStringsAndKeepsTheTokenOutOfStorageThatOutlivesTheTab() {
        Map<String, HttpResponse<String>> modules = PageModules.ownCode(PageModules.reachable(this, "/"));
        assertThat(modules).containsKeys("/app/main.js", "/app/session.js", "/assets/lib/dom.js");
        StringBuilder all = new StringBuilder();
        modules.forEach((path, r) -> {
            assertThat(r.body())
                    .as(path)
                    .doesNotContain("innerHTML")
                    .doesNotContain("outerHTML")
                    .doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write")
                    .doesNotContain("eval(")
                    .doesNotContain("new Function")
                    .doesNotContain("localStorage")
                    .doesNotContain("document.cookie")
                    .doesNotContain("console.");
            all.append(r.body());
        });
        assertThat(all.toString()).contains("sessionStorage").contains("'Bearer ' + token");
    }

    @Test
    void theShareCountSaysHowManyLinksDieWithAnItem() {
        files.shareCounts.put("alice:/trip", 3);
        HttpResponse<String> r = get("/api/shares/count?below=trip");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.get("count").asInt()).isEqualTo(3);
        assertThat(body.get("below").asText()).isEqualTo("/trip");
        assertThat(json(get("/api/shares/count/?below=%2Ftrip%2F")).get("count").asInt())
                .isEqualTo(3);
        assertThat(json(get("/api/shares/count?below=other")).get("count").asInt())
                .isZero();
    }

    @Test
    void theShareCountIsPerUser() {
        files.shareCounts.put("alice:/trip", 3);
        HttpResponse<String> r = send(as("bob", "/api/shares/count?below=trip").GET());
        assertThat(json(r).get("count").asInt()).isZero();
    }

    @Test
    void theShareCountNeedsATokenAndAValidPath() {
        assertProblem(send(req("/api/shares/count?below=trip")), 401, "unauthorized");
        assertProblem(
                send(req("/api/shares/count?below=trip").header("Authorization", "Bearer wrong")), 401, "unauthorized");
        assertThat(assertProblem(get("/api/shares/count"), 400, "validation_failed")
                        .get("detail")
                        .asText())
                .contains("below");
        assertProblem(get("/api/shares/count?below=a/../b"), 400, "validation_failed");
        assertProblem(get("/api/shares/count?below=a%00b"), 400, "validation_failed");
    }

    @Test
    void theCountRouteLeavesShareIdsAlone() throws IOException {
        assertThat(putFile("notes.txt", "hello").statusCode()).isEqualTo(201);
        HttpResponse<String> created = postJson(authed("/api/shares"), "{\"item_id\": \"notes.txt\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asText();
        assertThat(json(get("/api/shares/" + id)).get("item_name").asText()).isEqualTo("notes.txt");
        // "count" is no share id: deleting it is the ordinary 404 of an unknown share
        assertProblem(send(authed("/api/shares/count").DELETE()), 404, "not_found");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AppPageTest.class.getClassLoader().getResourceAsStream("sharebridge-web/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
