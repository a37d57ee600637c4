package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grant cookie of a password-protected link is sent by the browser with every request to the
 * server, whichever page makes it, so a write it alone authorises must come from the server's
 * own pages: a foreign {@code Origin}, or a {@code Sec-Fetch-Site} other than
 * {@code same-origin}, is {@code 403 cross_origin_refused} and changes nothing. Requests without
 * either header (curl, scripts), writes authorised by {@code X-Share-Grant}, and the owner's
 * bearer-token writes are not affected.
 */
class CrossOriginWritesE2eTest {
    private static final String PASSWORD = "blue-harbour-lantern-42";
    private static final String FOREIGN = "https://evil.example";

    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;
    private String token;
    private String cookie;
    private String grant;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String toml) throws Exception {
        Path config = dir.resolve("sharebridge.toml");
        Files.writeString(config, toml, StandardCharsets.UTF_8);
        server = E2eServer.startWith(config);
        http = server.http();
        alice = server.addUser("alice");
        assertThat(http.put("/api/files/inbox/old.txt", "old".getBytes(StandardCharsets.UTF_8), bearer(alice))
                        .status())
                .isEqualTo(201);
        Http.Response created = http.postJson(
                "/api/shares",
                Map.of(
                        "item_id",
                        "inbox",
                        "password",
                        PASSWORD,
                        "permissions",
                        Map.of("read", true, "write", true, "reshare", true)),
                bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        token = created.json().path("token").asText();
        Http.Response verified = http.postJson("/api/s/" + token + "/verify", Map.of("password", PASSWORD));
        assertThat(verified.status()).as("%s", verified).isEqualTo(200);
        String setCookie = verified.header("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        grant = verified.json().path("grant").asText();
    }

    private void start() throws Exception {
        start(E2eServer.baseToml(dir));
    }

    /** The origin a browser on the server's own page sends: the address the test reaches it at. */
    private String ownOrigin() {
        return http.base();
    }

    @Test
    void aForeignOriginCannotWriteWithTheCookie() throws Exception {
        start();

        Http.Response upload =
                http.put("/api/s/" + token + "/upload/evil.txt", bytes("evil"), "Cookie", cookie, "Origin", FOREIGN);
        Http.Response folder =
                http.send("POST", "/api/s/" + token + "/folders/evil", null, "Cookie", cookie, "Origin", FOREIGN);
        Http.Response delete = http.delete("/api/s/" + token + "/items/old.txt", "Cookie", cookie, "Origin", FOREIGN);
        Http.Response reshare = http.postJson(
                "/api/s/" + token + "/shares", Map.of("label", "for evil"), "Cookie", cookie, "Origin", FOREIGN);
        Http.Response replace = http.put(
                "/api/s/" + token + "/upload/old.txt", bytes("overwritten"), "Cookie", cookie, "Origin", "null");

        for (Http.Response r : new Http.Response[] {upload, folder, delete, reshare, replace}) {
            assertThat(r.status()).as("%s", r).isEqualTo(403);
            assertThat(r.code()).isEqualTo("cross_origin_refused");
            assertThat(r.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(r.header("Cache-Control")).hasValue("no-store");
        }
        assertNothingChanged();
    }

    @Test
    void aFetchFromAnotherSiteOrSiblingSiteIsRefusedByItsSecFetchSite() throws Exception {
        start();

        for (String site : new String[] {"cross-site", "same-site", "none"}) {
            Http.Response r = http.send(
                    "POST", "/api/s/" + token + "/folders/evil", null, "Cookie", cookie, "Sec-Fetch-Site", site);
            assertThat(r.status()).as("Sec-Fetch-Site: %s -> %s", site, r).isEqualTo(403);
            assertThat(r.code()).isEqualTo("cross_origin_refused");
        }
        Http.Response sameOriginHeaderButCrossSite = http.put(
                "/api/s/" + token + "/upload/evil.txt",
                bytes("evil"),
                "Cookie",
                cookie,
                "Origin",
                ownOrigin(),
                "Sec-Fetch-Site",
                "cross-site");
        assertThat(sameOriginHeaderButCrossSite.status()).isEqualTo(403);
        assertNothingChanged();
    }

    @Test
    void theServersOwnPagesScriptsAndTheGrantHeaderStillWrite() throws Exception {
        start();

        Http.Response ownPage = http.put(
                "/api/s/" + token + "/upload/mine.txt",
                bytes("mine"),
                "Cookie",
                cookie,
                "Origin",
                ownOrigin(),
                "Sec-Fetch-Site",
                "same-origin");
        assertThat(ownPage.status()).as("%s", ownPage).isEqualTo(201);
        Http.Response script = http.send("POST", "/api/s/" + token + "/folders/made-by-curl", null, "Cookie", cookie);
        assertThat(script.status()).as("%s", script).isEqualTo(201);
        Http.Response header = http.delete(
                "/api/s/" + token + "/items/mine.txt",
                "X-Share-Grant",
                grant,
                "Origin",
                FOREIGN,
                "Sec-Fetch-Site",
                "cross-site");
        assertThat(header.status())
                .as("the grant header is not sent by a browser on its own: %s", header)
                .isEqualTo(204);
        int before = links();
        Http.Response reshare = http.postJson(
                "/api/s/" + token + "/shares",
                Map.of("label", "for carol"),
                "Cookie",
                cookie,
                "Origin",
                ownOrigin(),
                "Sec-Fetch-Site",
                "same-origin");
        assertThat(reshare.status()).as("%s", reshare).isEqualTo(201);
        assertThat(links()).isEqualTo(before + 1);
        // reads are not writes
        assertThat(http.get(
                                "/api/s/" + token + "/list",
                                "Cookie",
                                cookie,
                                "Origin",
                                FOREIGN,
                                "Sec-Fetch-Site",
                                "cross-site")
                        .status())
                .isEqualTo(200);
        // the owner's bearer token is never sent by a browser on its own
        assertThat(http.put(
                                "/api/files/inbox/owner.txt",
                                bytes("owner"),
                                "Authorization",
                                "Bearer " + alice,
                                "Origin",
                                FOREIGN,
                                "Sec-Fetch-Site",
                                "cross-site")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void thePublicUrlIsTheServersOriginAsIsTheAddressItWasReachedAt() throws Exception {
        start(E2eServer.baseToml(dir).replace("[server]\n", "[server]\npublic_url = \"https://share.example.org\"\n"));

        Http.Response viaPublicUrl = http.put(
                "/api/s/" + token + "/upload/mine.txt",
                bytes("mine"),
                "Cookie",
                cookie,
                "Origin",
                "https://share.example.org",
                "Sec-Fetch-Site",
                "same-origin");
        assertThat(viaPublicUrl.status()).as("%s", viaPublicUrl).isEqualTo(201);
        Http.Response otherScheme = http.put(
                "/api/s/" + token + "/upload/mine.txt",
                bytes("mine"),
                "Cookie",
                cookie,
                "Origin",
                "http://share.example.org");
        assertThat(otherScheme.status()).as("%s", otherScheme).isEqualTo(403);
        Http.Response otherPort = http.put(
                "/api/s/" + token + "/upload/mine.txt",
                bytes("mine"),
                "Cookie",
                cookie,
                "Origin",
                "https://share.example.org:8443");
        assertThat(otherPort.status()).as("%s", otherPort).isEqualTo(403);
        Http.Response direct = http.put(
                "/api/s/" + token + "/upload/direct.txt", bytes("direct"), "Cookie", cookie, "Origin", ownOrigin());
        assertThat(direct.status())
                .as("reached directly, the address it was sent to is its own: %s", direct)
                .isEqualTo(201);
    }

    @Test
    void behindATrustedProxyOnlyThePublicUrlCounts() throws Exception {
        String toml = E2eServer.baseToml(dir)
                .replace("[server]\n", "[server]\npublic_url = \"https://share.example.org\"\n")
                .replace("[security]\n", "[security]\ntrusted_proxies = [\"127.0.0.1\"]\n");
        start(toml);

        Http.Response viaProxy = http.put(
                "/api/s/" + token + "/upload/mine.txt",
                bytes("mine"),
                "Cookie",
                cookie,
                "Origin",
                "https://share.example.org",
                "X-Forwarded-For",
                "203.0.113.7");
        assertThat(viaProxy.status()).as("%s", viaProxy).isEqualTo(201);
        Http.Response hostOfTheProxysRequest = http.put(
                "/api/s/" + token + "/upload/evil.txt",
                bytes("evil"),
                "Cookie",
                cookie,
                "Origin",
                ownOrigin(),
                "X-Forwarded-For",
                "203.0.113.7");
        assertThat(hostOfTheProxysRequest.status())
                .as("%s", hostOfTheProxysRequest)
                .isEqualTo(403);
    }

    private void assertNothingChanged() {
        Http.Response listing = http.get("/api/folders/inbox", bearer(alice));
        assertThat(listing.json().path("children").findValuesAsText("name")).containsExactly("old.txt");
        assertThat(http.get("/api/files/inbox/old.txt", bearer(alice)).text()).isEqualTo("old");
        assertThat(links()).isEqualTo(1);
    }

    private int links() {
        return http.get("/api/shares", bearer(alice)).json().path("items").size();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
