package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.adapter.nextcloud.FakeNextcloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A moved item keeps its share links (docs/architecture.md, "Moving items with share links"):
 * through WebDAV {@code MOVE} and {@code POST /api/files/move}, on local storage and on NextCloud
 * (a stateful fake that answers like the recordings of {@code shared/nextcloud/}), the links on
 * the item and below it open the moved content at once; a sibling with a longer name keeps its
 * path, and a copy gets no links.
 */
class MoveKeepsLinksE2eTest {
    @TempDir
    Path dir;

    private MockWebServer nextcloud;
    private E2eServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (nextcloud != null) {
            nextcloud.close();
        }
    }

    private E2eServer start(String storage) throws Exception {
        if (storage.equals("local")) {
            return E2eServer.start(dir);
        }
        FakeNextcloud cloud = new FakeNextcloud("sharebridge", "app-password-for-tests");
        cloud.mkdirs("sharebridge");
        nextcloud = new MockWebServer();
        nextcloud.setDispatcher(cloud);
        nextcloud.start();
        return E2eServer.start(
                dir,
                String.join(
                        "\n",
                        "[storage]",
                        "provider = \"nextcloud\"",
                        "url = \"http://127.0.0.1:" + nextcloud.getPort() + "/\"",
                        "username = \"sharebridge\"",
                        "password = \"app-password-for-tests\"",
                        "directory = \"sharebridge\"",
                        ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "nextcloud"})
    void linksFollowAWebDavMoveAndARestRenameAndACopyGetsNone(String storage) throws Exception {
        server = start(storage);
        Http http = server.http();
        String alice = server.addUser("alice");
        upload(http, alice, "docs/sub/a.txt", "inside");
        upload(http, alice, "docs2/b.txt", "sibling");
        JsonNode onFolder = share(http, alice, "docs");
        JsonNode onFile = share(http, alice, "docs/sub/a.txt");
        JsonNode onSibling = share(http, alice, "docs2");
        assertThat(http.send("MKCOL", "/dav/archive", null, bearer(alice)).status())
                .isEqualTo(201);

        Http.Response moved = http.send(
                "MOVE", "/dav/docs", null, "Authorization", "Bearer " + alice, "Destination", "/dav/archive/2026");
        assertThat(moved.status()).as("%s", moved).isEqualTo(201);

        // the folder link lists the moved content, the file link downloads the moved file
        String folderToken = onFolder.get("token").asText();
        assertThat(http.get("/api/s/" + folderToken).status()).isEqualTo(200);
        assertThat(names(http.get("/api/s/" + folderToken + "/list"))).containsExactly("sub");
        assertThat(names(http.get("/api/s/" + folderToken + "/list/sub"))).containsExactly("a.txt");
        String fileToken = onFile.get("token").asText();
        assertThat(http.get("/api/s/" + fileToken + "/download").text()).isEqualTo("inside");
        assertThat(itemId(http, alice, onFolder)).isEqualTo("archive/2026");
        assertThat(itemId(http, alice, onFile)).isEqualTo("archive/2026/sub/a.txt");
        assertThat(itemId(http, alice, onSibling)).isEqualTo("docs2");
        assertThat(names(http.get("/api/s/" + onSibling.get("token").asText() + "/list")))
                .containsExactly("b.txt");

        // a rename through the owners' route: the same links, the same tokens
        Http.Response renamed = http.postJson(
                "/api/files/move",
                Map.of("from", "archive/2026/sub/a.txt", "to", "archive/2026/sub/c.txt"),
                bearer(alice));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(201);
        assertThat(renamed.json().get("path").asText()).isEqualTo("archive/2026/sub/c.txt");
        assertThat(http.get("/api/s/" + fileToken + "/download").text()).isEqualTo("inside");
        assertThat(names(http.get("/api/s/" + folderToken + "/list/sub"))).containsExactly("c.txt");
        assertThat(itemId(http, alice, onFile)).isEqualTo("archive/2026/sub/c.txt");

        // a copy has no links; the source keeps its own
        Http.Response copied = http.send(
                "COPY", "/dav/archive/2026", null, "Authorization", "Bearer " + alice, "Destination", "/dav/copy");
        assertThat(copied.status()).as("%s", copied).isEqualTo(201);
        JsonNode copyLinks = http.get("/api/shares?item_id=copy", bearer(alice)).json();
        assertThat(copyLinks.get("items")).isEmpty();
        assertThat(http.get("/api/shares", bearer(alice)).json().get("items")).hasSize(3);
        assertThat(itemId(http, alice, onFolder)).isEqualTo("archive/2026");
    }

    private static void upload(Http http, String token, String path, String content) {
        Http.Response r = http.put("/api/files/" + path, content.getBytes(StandardCharsets.UTF_8), bearer(token));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
    }

    private static JsonNode share(Http http, String token, String path) {
        Http.Response r = http.postJson("/api/shares", Map.of("item_id", path), bearer(token));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json();
    }

    private static String itemId(Http http, String token, JsonNode share) {
        Http.Response r = http.get("/api/shares/" + share.get("id").asText(), bearer(token));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json().get("item_id").asText();
    }

    private static List<String> names(Http.Response listing) {
        assertThat(listing.status()).as("%s", listing).isEqualTo(200);
        List<String> names = new ArrayList<>();
        listing.json().get("children").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }
}
