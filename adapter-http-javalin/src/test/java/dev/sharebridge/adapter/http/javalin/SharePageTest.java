package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** The share web page of docs/reference.md §7 and its assets. */
class SharePageTest extends ApiTestSupport {
    private static final String CSP =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                    + "media-src 'self' blob:; frame-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static String randomToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void assertPageHeaders(HttpResponse<?> r) {
        assertThat(r.headers().allValues("Content-Security-Policy")).containsExactly(CSP);
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("X-Robots-Tag")).hasValue("noindex, nofollow");
    }

    @Test
    void thePageIsServedForAnyTokenWithItsHeaders() {
        HttpResponse<String> r = send(req("/s/" + randomToken()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo("text/html;charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertPageHeaders(r);
        assertThat(r.body())
                .startsWith("<!DOCTYPE html>")
                .contains("<script type=\"module\" src=\"/assets/share/main.js\"")
                .contains("href=\"/assets/share.css\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "not-a-valid-token!", "%27%3Bdrop", "..%2F..", "a%01b", "%E2%82%AC"})
    void malformedTokensGetThePageToo(String token) {
        HttpResponse<String> r = send(req("/s/" + token + "/"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("This link does not work");
        assertPageHeaders(r);
    }

    @Test
    void theTokenIsNotLogged() {
        Logger access = (Logger) LoggerFactory.getLogger("dev.sharebridge.http.access");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        access.addAppender(appender);
        String token = randomToken();
        try {
            assertThat(send(req("/s/" + token)).statusCode()).isEqualTo(200);
        } finally {
            access.detachAppender(appender);
        }
        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("method=GET route=/s/{token} status=200 "))
                .allSatisfy(line -> assertThat(line).doesNotContain(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"share.css:text/css; charset=utf-8", "share/main.js:text/javascript; charset=utf-8"})
    void assetsHaveTheirTypeAndRevalidate(String spec) throws IOException {
        String name = spec.substring(0, spec.indexOf(':'));
        String type = spec.substring(spec.indexOf(':') + 1);
        HttpResponse<byte[]> r = sendBytes(req("/assets/" + name));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""))
                .isEqualTo(type.replace(" ", ""));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertPageHeaders(r);
        assertThat(r.body()).isEqualTo(resource(name));
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        HttpResponse<byte[]> cached = sendBytes(req("/assets/" + name).header("If-None-Match", etag));
        assertThat(cached.statusCode()).isEqualTo(304);
        assertThat(cached.body()).isEmpty();
        assertThat(sendBytes(req("/assets/" + name).header("If-None-Match", "\"other\""))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownAssetsAre404() {
        assertProblem(send(req("/assets/secret.txt")), 404, "not_found");
        assertProblem(send(req("/assets/..%2Fshare.html")), 404, "not_found");
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() throws IOException {
        String html = new String(resource("share.html"), StandardCharsets.UTF_8);
        Matcher scripts =
                Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("script tag").containsPattern("\\bsrc=\"/assets/");
        }
        assertThat(count).isPositive();
        assertThat(html).as("no inline script body").doesNotContainPattern("(?is)<script\\b[^>]*>\\s*[^<\\s]");
        assertThat(html).as("no event handler attributes").doesNotContainPattern("(?i)\\son[a-z]+\\s*=");
        assertThat(html).as("no inline style").doesNotContainPattern("(?i)<style\\b|\\sstyle\\s*=");
        assertThat(html).as("no javascript: URLs").doesNotContainPattern("(?i)javascript:");
        assertThat(html).as("no third-party assets").doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");
    }

    @Test
    void theScriptsBuildNoMarkupFromStrings() {
        Map<String, HttpResponse<String>> modules =
                PageModules.ownCode(PageModules.reachable(this, "/s/" + randomToken()));
        assertThat(modules).containsKeys("/assets/share/main.js", "/assets/lib/dom.js");
        modules.forEach((path, r) -> assertThat(r.body())
                .as(path)
                .doesNotContain("innerHTML")
                .doesNotContain("outerHTML")
                .doesNotContain("insertAdjacentHTML")
                .doesNotContain("document.write")
                .doesNotContain("eval(")
                .doesNotContain("new Function")
                .doesNotContain("localStorage")
                .doesNotContain("console."));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SharePageTest.class.getClassLoader().getResourceAsStream("sharebridge-web/" + name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
