package dev.sharebridge.adapter.nextcloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;

/** Shared pieces of the adapter's tests. */
final class TestSupport {
    static final String USER = "admin";
    static final String PASSWORD = "app-pass-Xy7-never-shown";
    static final String BASIC = Credentials.basic(USER, PASSWORD, StandardCharsets.UTF_8);

    private TestSupport() {}

    /** Settings on the mock server with short timeouts, so failure tests finish quickly. */
    static NextcloudSettings settings(MockWebServer server, String path, String directory) {
        return new NextcloudSettings(
                server.url(path).toString(),
                USER,
                PASSWORD,
                directory,
                Duration.ofSeconds(2),
                Duration.ofMillis(700),
                Duration.ofSeconds(3));
    }

    static NextcloudSettings settings(MockWebServer server, String directory) {
        return settings(server, "/", directory);
    }

    /** A PROPFIND answer for one folder, in the recorded format (explicit props, 404 propstat for the length). */
    static MockResponse folderAnswer(String href) {
        return multistatus(
                "<d:response><d:href>" + href + "</d:href><d:propstat><d:prop><d:resourcetype><d:collection/>"
                        + "</d:resourcetype><d:getetag>&quot;6b02a2dd3015d&quot;</d:getetag><d:getlastmodified>Sun, 22 Nov 2026"
                        + " 08:07:57 GMT</d:getlastmodified><oc:fileid>10</oc:fileid><oc:permissions>RGDNVCK</oc:permissions>"
                        + "<oc:size>0</oc:size><oc:share-types/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
                        + "<d:propstat><d:prop><d:getcontentlength/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status>"
                        + "</d:propstat></d:response>");
    }

    /** A PROPFIND answer for one file, in the recorded format. */
    static MockResponse fileAnswer(String href, long size) {
        return multistatus(fileResponse(href, size, "f7fa4d11641402c8c2d1a8288515e6e7"));
    }

    static String fileResponse(String href, long size, String etag) {
        return "<d:response><d:href>" + href + "</d:href><d:propstat><d:prop><d:resourcetype/><d:getetag>&quot;" + etag
                + "&quot;</d:getetag><d:getlastmodified>Sun, 22 Nov 2026 08:08:00 GMT</d:getlastmodified>"
                + "<d:getcontentlength>" + size + "</d:getcontentlength><oc:fileid>15</oc:fileid><oc:permissions>RGDNVW"
                + "</oc:permissions><oc:size>" + size + "</oc:size><oc:share-types/></d:prop><d:status>HTTP/1.1 200 OK"
                + "</d:status></d:propstat></d:response>";
    }

    static MockResponse multistatus(String responses) {
        return new MockResponse.Builder()
                .code(207)
                .setHeader("Content-Type", "application/xml; charset=utf-8")
                .body("<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\""
                        + " xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\">" + responses
                        + "</d:multistatus>")
                .build();
    }

    /** The fields of a form-encoded request body, in order. */
    static Map<String, String> form(RecordedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if (body.isEmpty()) {
            return fields;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** Every request to the configured NextCloud carries exactly our Basic credentials. */
    static void assertAuthorized(RecordedRequest request) {
        assertThat(request.getHeaders().get("Authorization")).isEqualTo(BASIC);
    }

    static void assertNoSecret(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD).doesNotContain(BASIC.substring(6));
        }
    }
}
