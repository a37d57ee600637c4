package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.SharePermissions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The headers of answers no route wrote (issue 13, item 11): what Jetty refuses before routing
 * carries the public headers and a request id like every other answer, and every answer on the
 * pages carries the page's Content-Security-Policy, whatever its status or method.
 */
class EdgeHeadersTest extends ApiTestSupport {
    private static final String CSP =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                    + "media-src 'self' blob:; frame-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private String token;
    private int port;

    @BeforeEach
    void seed() throws Exception {
        port = URI.create(base).getPort();
        putFile("pub/a.txt", "a");
        token = shares.add(ALICE, ItemPath.parse("pub"), Optional.empty(), SharePermissions.DEFAULT, Optional.empty())
                .token()
                .value();
    }

    private RawHttp.Answer raw(String head) {
        return RawHttp.send(port, head.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Requests Jetty answers itself, with the status it answers. */
    private Map<String, Integer> refusedByJetty() {
        Map<String, Integer> requests = new LinkedHashMap<>();
        String list = "/api/s/" + token + "/list";
        requests.put("GET /api/s/%zz HTTP/1.1\r\nHost: l\r\n\r\n", 400);
        requests.put("GET " + list + "/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: l\r\n\r\n", 414);
        requests.put("GET " + list + " HTTP/1.1\r\nHost: l\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n", 431);
        requests.put("GET " + list + " HTTP/9.9\r\nHost: l\r\n\r\n", 505);
        requests.put("GET " + list + " HTTP/1.1\r\nHost: l\r\nBad Header: x\r\n\r\n", 400);
        requests.put("GET " + list + " HTTP/1.1\r\nHost: l\r\nno colon here\r\n\r\n", 400);
        requests.put("GET " + list + " HTTP/1.1\r\nHost: l\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400);
        requests.put("CONNECT " + list + " HTTP/1.1\r\nHost: l\r\n\r\n", 400);
        requests.put("PUT /api/s/" + token + "/upload/%zz HTTP/1.1\r\nHost: l\r\nContent-Length: 0\r\n\r\n", 400);
        // a WebSocket upgrade no route takes: the servlet container's own 404
        requests.put(
                "GET /api/s/" + token + "/ws HTTP/1.1\r\nHost: l\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAccept: text/html\r\n\r\n",
                404);
        return requests;
    }

    @Test
    void answersJettyGivesCarryThePublicHeadersAndARequestId() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Integer> request : refusedByJetty().entrySet()) {
            RawHttp.Answer a = raw(request.getKey());
            String name =
                    request.getKey().substring(0, Math.min(60, request.getKey().indexOf('\r')));
            if (a.status() != request.getValue()) {
                wrong.add(name + ": status " + a.status());
            }
            Map<String, List<String>> expected = Map.of(
                    "referrer-policy",
                    List.of("no-referrer"),
                    "x-robots-tag",
                    List.of("noindex, nofollow"),
                    "x-content-type-options",
                    List.of("nosniff"),
                    "cache-control",
                    List.of("no-store"));
            expected.forEach((header, values) -> {
                if (!a.all(header).equals(values)) {
                    wrong.add(name + ": " + header + " " + a.all(header));
                }
            });
            if (!a.header("X-Request-Id").orElse("").matches("[0-9a-f]{16}")) {
                wrong.add(name + ": X-Request-Id " + a.all("X-Request-Id"));
            }
            if (!a.header("Content-Type").orElse("").startsWith("application/problem+json")) {
                wrong.add(name + ": Content-Type " + a.all("Content-Type"));
                continue;
            }
            JsonNode p = MAPPER.readTree(a.body());
            if (p.size() != 5
                    || p.path("status").asInt() != a.status()
                    || p.path("title").asText().equals("Error")
                    || p.path("code").asText().equals("internal_error")) {
                wrong.add(name + ": body " + a.body());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRefusedRequestIsInTheAccessLogWithTheIdItWasAnswered() {
        Logger access = (Logger) LoggerFactory.getLogger("dev.sharebridge.http.access");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        access.addAppender(appender);
        RawHttp.Answer a;
        try {
            a = raw("GET /api/s/" + token + "/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: l\r\n\r\n");
        } finally {
            access.detachAppender(appender);
        }
        String id = a.header("X-Request-Id").orElseThrow();
        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .singleElement()
                .asString()
                .matches("method=\\S+ route=unmatched status=414 duration_ms=0 request_id=" + id)
                .doesNotContain(token);
    }

    /** Every kind of answer the pages give. */
    private Map<String, RawHttp.Answer> pageAnswers() {
        Map<String, RawHttp.Answer> answers = new LinkedHashMap<>();
        String etag = RawHttp.send(port, "GET /assets/share.css HTTP/1.1", Map.of())
                .header("ETag")
                .orElseThrow();
        answers.put("page", RawHttp.send(port, "GET /s/" + token + " HTTP/1.1", Map.of()));
        answers.put("page, HEAD", RawHttp.send(port, "HEAD /s/" + token + " HTTP/1.1", Map.of()));
        answers.put("app", RawHttp.send(port, "GET / HTTP/1.1", Map.of()));
        answers.put("app, HEAD", RawHttp.send(port, "HEAD / HTTP/1.1", Map.of()));
        answers.put("asset", RawHttp.send(port, "GET /app/main.js HTTP/1.1", Map.of()));
        answers.put("asset, HEAD", RawHttp.send(port, "HEAD /assets/share/main.js HTTP/1.1", Map.of()));
        answers.put("asset, 304", RawHttp.send(port, "GET /assets/share.css HTTP/1.1", Map.of("If-None-Match", etag)));
        answers.put(
                "asset, 304 to HEAD",
                RawHttp.send(port, "HEAD /assets/share.css HTTP/1.1", Map.of("If-None-Match", etag)));
        answers.put("unknown asset", RawHttp.send(port, "GET /assets/nope.css HTTP/1.1", Map.of()));
        answers.put("unknown app asset, HEAD", RawHttp.send(port, "HEAD /app/nope.js HTTP/1.1", Map.of()));
        answers.put("page, malformed", RawHttp.send(port, "GET /s/%ff HTTP/1.1", Map.of()));
        answers.put("page, POST", RawHttp.send(port, "POST /s/" + token + " HTTP/1.1", Map.of("Content-Length", "0")));
        answers.put("below the page", RawHttp.send(port, "GET /s/" + token + "/more HTTP/1.1", Map.of()));
        return answers;
    }

    @Test
    void everyAnswerOfThePagesCarriesThePageHeaders() {
        List<String> wrong = new ArrayList<>();
        pageAnswers().forEach((name, a) -> {
            Map<String, List<String>> expected = Map.of(
                    "content-security-policy",
                    List.of(CSP),
                    "x-frame-options",
                    List.of("DENY"),
                    "referrer-policy",
                    List.of("no-referrer"),
                    "x-robots-tag",
                    List.of("noindex, nofollow"),
                    "x-content-type-options",
                    List.of("nosniff"));
            expected.forEach((header, values) -> {
                if (!a.all(header).equals(values)) {
                    wrong.add(name + " (" + a.status() + "): " + header + " " + a.all(header));
                }
            });
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void theShareLinksPagesAreNeverStoredTheirAssetsRevalidate() {
        Map<String, RawHttp.Answer> answers = pageAnswers();
        assertThat(answers.get("page").all("Cache-Control")).containsExactly("no-store");
        assertThat(answers.get("page, HEAD").all("Cache-Control")).containsExactly("no-store");
        assertThat(answers.get("unknown asset").all("Cache-Control")).containsExactly("no-store");
        assertThat(answers.get("page, malformed").all("Cache-Control")).containsExactly("no-store");
        assertThat(answers.get("asset").all("Cache-Control")).containsExactly("no-cache");
        assertThat(answers.get("asset, 304").all("Cache-Control")).containsExactly("no-cache");
    }
}
