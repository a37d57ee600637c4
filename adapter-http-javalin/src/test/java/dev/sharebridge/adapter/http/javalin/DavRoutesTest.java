package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The WebDAV owner space {@code /dav/}: each method's status codes (litmus runs in bootstrap's e2e tests). */
class DavRoutesTest extends ApiTestSupport {
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString(("alice:" + TOKEN).getBytes(StandardCharsets.UTF_8));

    private HttpResponse<String> dav(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = req(path)
                .header("Authorization", BASIC)
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    @Test
    void withoutCredentialsTheAnswerAsksForBasic() {
        HttpResponse<String> r = send(req("/dav/").method("PROPFIND", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Sharebridge\"");

        String otherUser =
                "Basic " + Base64.getEncoder().encodeToString(("bob:" + TOKEN).getBytes(StandardCharsets.UTF_8));
        assertThat(send(req("/dav/")
                                .header("Authorization", otherUser)
                                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(authed("/dav/").header("Depth", "0").method("PROPFIND", HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .as("a bearer token works too")
                .isEqualTo(207);
    }

    @Test
    void optionsAnnouncesClassesOneAndTwo() {
        HttpResponse<String> r = dav("OPTIONS", "/dav/", "");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("DAV")).hasValue("1, 2");
        assertThat(r.headers().firstValue("Allow").orElseThrow()).contains("PROPFIND", "LOCK", "MOVE");
    }

    @Test
    void propfindListsOneLevelAndRefusesInfinity() {
        assertThat(dav("MKCOL", "/dav/docs", "").statusCode()).isEqualTo(201);
        assertThat(dav("PUT", "/dav/docs/a%20b.txt", "hello").statusCode()).isEqualTo(201);

        HttpResponse<String> r = dav("PROPFIND", "/dav/docs/", "", "Depth", "1");
        assertThat(r.statusCode()).isEqualTo(207);
        assertThat(r.body())
                .contains("<D:href>/dav/docs/</D:href>", "<D:collection/>")
                .contains("<D:href>/dav/docs/a%20b.txt</D:href>", "<D:getcontentlength>5</D:getcontentlength>");

        HttpResponse<String> infinite = dav("PROPFIND", "/dav/docs/", "", "Depth", "infinity");
        assertThat(infinite.statusCode()).isEqualTo(403);
        assertThat(infinite.body()).contains("propfind-finite-depth");
        assertThat(dav("PROPFIND", "/dav/nothing", "", "Depth", "0").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aBodyWithADoctypeIsRefused() {
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:displayname>&e;</D:displayname></D:prop></D:propfind>";
        assertThat(dav("PROPFIND", "/dav/", evil, "Depth", "0").statusCode()).isEqualTo(400);
    }

    @Test
    void writesAnswerWithTheStatusCodesOfRfc4918() {
        assertThat(dav("PUT", "/dav/no/parent.txt", "x").statusCode()).isEqualTo(409);
        assertThat(dav("MKCOL", "/dav/no/parent", "").statusCode()).isEqualTo(409);
        assertThat(dav("PUT", "/dav/f.txt", "one").statusCode()).isEqualTo(201);
        assertThat(dav("PUT", "/dav/f.txt", "two").statusCode()).isEqualTo(204);
        assertThat(dav("MKCOL", "/dav/f.txt", "").statusCode()).isEqualTo(405);
        assertThat(dav("GET", "/dav/f.txt", "").body()).isEqualTo("two");
        assertThat(dav("GET", "/dav/f.txt", "", "Range", "bytes=1-").statusCode())
                .isEqualTo(206);

        assertThat(dav("COPY", "/dav/f.txt", "", "Destination", base + "/dav/g.txt")
                        .statusCode())
                .isEqualTo(201);
        assertThat(dav("COPY", "/dav/f.txt", "", "Destination", base + "/dav/g.txt", "Overwrite", "F")
                        .statusCode())
                .isEqualTo(412);
        assertThat(dav("MOVE", "/dav/g.txt", "", "Destination", base + "/dav/f.txt")
                        .statusCode())
                .isEqualTo(204);
        assertThat(dav("MOVE", "/dav/f.txt", "", "Destination", "http://elsewhere.example/dav/h.txt")
                        .statusCode())
                .isEqualTo(502);
        assertThat(dav("DELETE", "/dav/f.txt", "").statusCode()).isEqualTo(204);
        assertThat(dav("DELETE", "/dav/f.txt", "").statusCode()).isEqualTo(404);
        assertThat(dav("DELETE", "/dav/", "").statusCode()).isEqualTo(403);
    }

    @Test
    void aLockedFileIsChangedOnlyWithItsToken() {
        String lockInfo = "<?xml version=\"1.0\"?><D:lockinfo xmlns:D=\"DAV:\"><D:lockscope><D:exclusive/>"
                + "</D:lockscope><D:locktype><D:write/></D:locktype><D:owner>alice</D:owner></D:lockinfo>";
        HttpResponse<String> locked = dav("LOCK", "/dav/new.txt", lockInfo, "Timeout", "Second-60");
        assertThat(locked.statusCode())
                .as("a lock on an unmapped address makes the file")
                .isEqualTo(201);
        String token = locked.headers().firstValue("Lock-Token").orElseThrow();
        assertThat(locked.body()).contains("<D:exclusive/>", "<D:owner>alice</D:owner>");

        assertThat(dav("PUT", "/dav/new.txt", "x").statusCode()).isEqualTo(423);
        assertThat(dav("LOCK", "/dav/new.txt", lockInfo).statusCode()).isEqualTo(423);
        assertThat(dav("PUT", "/dav/new.txt", "x", "If", "(" + token + ")").statusCode())
                .isEqualTo(204);
        assertThat(dav("PUT", "/dav/new.txt", "x", "If", "(<urn:uuid:not-a-lock>)")
                        .statusCode())
                .isEqualTo(412);
        assertThat(dav("UNLOCK", "/dav/new.txt", "", "Lock-Token", "<urn:uuid:other>")
                        .statusCode())
                .isEqualTo(409);
        assertThat(dav("UNLOCK", "/dav/new.txt", "", "Lock-Token", token).statusCode())
                .isEqualTo(204);
        assertThat(dav("PUT", "/dav/new.txt", "y").statusCode()).isEqualTo(204);
    }

    @Test
    void deadPropertiesAreKeptAndLivePropertiesProtected() {
        dav("PUT", "/dav/p.txt", "x");
        String set = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:example\">"
                + "<D:set><D:prop><Z:color>blue</Z:color></D:prop></D:set></D:propertyupdate>";
        HttpResponse<String> ok = dav("PROPPATCH", "/dav/p.txt", set);
        assertThat(ok.statusCode()).isEqualTo(207);
        assertThat(ok.body()).contains("HTTP/1.1 200 OK");

        String get = "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><Z:color xmlns:Z=\"urn:example\"/>"
                + "</D:prop></D:propfind>";
        assertThat(dav("PROPFIND", "/dav/p.txt", get, "Depth", "0").body())
                .contains("<x:color xmlns:x=\"urn:example\">blue</x:color>");

        String protectedSet = "<?xml version=\"1.0\"?><D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"urn:example\">"
                + "<D:set><D:prop><D:getetag>x</D:getetag><Z:size>1</Z:size></D:prop></D:set></D:propertyupdate>";
        HttpResponse<String> refused = dav("PROPPATCH", "/dav/p.txt", protectedSet);
        assertThat(refused.body()).contains("HTTP/1.1 403 Forbidden", "HTTP/1.1 424 Failed Dependency");
    }
}
