package dev.sharebridge.adapter.nextcloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/**
 * Answers as the real NextCloud 34 gave them (bodies copied byte for byte from
 * /work/shared/nextcloud/raw into src/test/resources/nextcloud, see the README there), with the
 * recorded status and headers.
 */
final class Recorded {
    /** The origin the recordings were made against; share URLs in them point there. */
    static final String RECORDED_ORIGIN = "http:\\/\\/127.0.0.1:8080";

    private Recorded() {}

    static String fixture(String name) {
        try (InputStream in = Recorded.class.getResourceAsStream("/nextcloud/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DAV answer with an XML body (207 multistatus or a Sabre error). */
    static MockResponse dav(int code, String fixture) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/xml; charset=utf-8")
                .body(fixture(fixture))
                .build();
    }

    /** A DAV 201/204 (or the 429 of the share rate limit): empty body, PHP's default content type. */
    static MockResponse empty(int code) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "text/html; charset=UTF-8")
                .setHeader("Content-Length", "0")
                .build();
    }

    /** An OCS JSON answer; share URLs are moved to the mock server, as NextCloud builds them from the Host. */
    static MockResponse ocs(int code, String fixture, MockWebServer server) {
        String origin = server.url("/").toString();
        origin = origin.substring(0, origin.length() - 1).replace("/", "\\/");
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .body(fixture(fixture).replace(RECORDED_ORIGIN, origin))
                .build();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .setHeader("Content-Type", "application/json; charset=utf-8")
                .body(body)
                .build();
    }
}
