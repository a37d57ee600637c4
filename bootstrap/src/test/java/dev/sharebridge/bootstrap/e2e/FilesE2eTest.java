package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The owner's files API (docs/reference.md §5) on the real server, with users made by the CLI. */
class FilesE2eTest {
    private static final byte[] REPORT = "0123456789 quarterly report\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir);
        http = server.http();
        alice = server.addUser("alice");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploadListDownloadAndDeleteAFile() {
        Http.Response created = http.put("/api/files/docs/report.txt", REPORT, bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        // the API writes paths from the root of the user's space, with a leading slash
        assertThat(created.json().path("path").asText()).isEqualTo("docs/report.txt");
        assertThat(created.json().path("name").asText()).isEqualTo("report.txt");
        assertThat(created.json().path("type").asText()).isEqualTo("file");
        assertThat(created.json().path("size").asLong()).isEqualTo(REPORT.length);

        Http.Response replaced = http.put("/api/files/docs/report.txt", REPORT, bearer(alice));
        assertThat(replaced.status()).as("%s", replaced).isEqualTo(200);

        Http.Response root = http.get("/api/folders", bearer(alice));
        assertThat(root.status()).as("%s", root).isEqualTo(200);
        assertThat(root.json().path("type").asText()).isEqualTo("folder");
        assertThat(children(root.json())).containsExactly("docs:folder");
        Http.Response docs = http.get("/api/folders/docs", bearer(alice));
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("path").asText()).isEqualTo("docs");
        assertThat(children(docs.json())).containsExactly("report.txt:file");

        Http.Response download = http.get("/api/files/docs/report.txt", bearer(alice));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(REPORT);
        assertThat(download.header("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("report.txt"));
        String etag = download.header("ETag").orElseThrow();

        Http.Response part =
                http.get("/api/files/docs/report.txt", "Range", "bytes=2-5", "Authorization", "Bearer " + alice);
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.text()).isEqualTo("2345");
        assertThat(part.header("Content-Range")).hasValue("bytes 2-5/" + REPORT.length);

        Http.Response notModified =
                http.get("/api/files/docs/report.txt", "If-None-Match", etag, "Authorization", "Bearer " + alice);
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();

        Http.Response deleted = http.delete("/api/files/docs/report.txt", bearer(alice));
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        Http.Response gone = http.get("/api/files/docs/report.txt", bearer(alice));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("not_found");
        assertThat(gone.header("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void makeFoldersWithTheirParentsAndDeleteThemRecursively() {
        Http.Response created = http.postJson("/api/folders/photos/2024", Map.of(), bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("type").asText()).isEqualTo("folder");
        Http.Response again = http.postJson("/api/folders/photos/2024", Map.of(), bearer(alice));
        assertThat(again.status()).isEqualTo(200);
        assertThat(http.put("/api/files/photos/2024/a.jpg", new byte[] {1, 2, 3}, bearer(alice))
                        .status())
                .isEqualTo(201);

        assertThat(children(http.get("/api/folders/photos", bearer(alice)).json()))
                .containsExactly("2024:folder");

        assertThat(http.delete("/api/files/photos", bearer(alice)).status()).isEqualTo(204);
        assertThat(http.get("/api/folders/photos", bearer(alice)).status()).isEqualTo(404);
        assertThat(http.get("/api/files/photos/2024/a.jpg", bearer(alice)).status())
                .isEqualTo(404);
        assertThat(children(http.get("/api/folders", bearer(alice)).json())).isEmpty();
    }

    @Test
    void managementRoutesNeedAValidToken() {
        http.put("/api/files/a.txt", REPORT, bearer(alice));

        for (String[] auth : List.of(new String[0], bearer("not-a-token"), bearer(alice + "x"), new String[] {
            "Authorization", "Basic " + alice
        })) {
            Http.Response list = http.get("/api/folders", auth);
            assertThat(list.status()).as("%s", list).isEqualTo(401);
            assertThat(list.code()).isEqualTo("unauthorized");
            assertThat(http.get("/api/files/a.txt", auth).status()).isEqualTo(401);
            assertThat(http.put("/api/files/b.txt", REPORT, auth).status()).isEqualTo(401);
            assertThat(http.delete("/api/files/a.txt", auth).status()).isEqualTo(401);
            assertThat(http.get("/api/shares", auth).status()).isEqualTo(401);
        }
        assertThat(http.get("/api/files/a.txt", bearer(alice)).body()).isEqualTo(REPORT);
        assertThat(http.get("/api/files/b.txt", bearer(alice)).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../escape.txt",
                "docs/../../escape.txt",
                "%2e%2e/escape.txt",
                "docs/%2E%2E/x.txt",
                "a%5Cb.txt",
                "docs%5C..%5Cx.txt",
                "./x.txt",
                "docs//x.txt",
                "a%0Ab.txt",
                "a%01b.txt"
            })
    void badPathsAreRefusedWith400(String path) {
        http.put("/api/files/docs/inside.txt", REPORT, bearer(alice));

        for (Http.Response response : List.of(
                http.put("/api/files/" + path, REPORT, bearer(alice)),
                http.get("/api/files/" + path, bearer(alice)),
                http.delete("/api/files/" + path, bearer(alice)),
                http.get("/api/folders/" + path, bearer(alice)),
                http.postJson("/api/folders/" + path, Map.of(), bearer(alice)))) {
            assertThat(response.status()).as("%s -> %s", path, response).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
        }
        // nothing was written outside the user's space, and the space itself is intact
        assertThat(http.get("/api/files/docs/inside.txt", bearer(alice)).body()).isEqualTo(REPORT);
        assertThat(children(http.get("/api/folders", bearer(alice)).json())).containsExactly("docs:folder");
    }

    @Test
    void aNulInAPathIsRefusedWith400NeverA500() {
        for (Http.Response response : List.of(
                http.put("/api/files/a%00b.txt", REPORT, bearer(alice)),
                http.get("/api/files/a%00b.txt", bearer(alice)),
                http.get("/api/folders/a%00b", bearer(alice)))) {
            assertThat(response.status()).as("%s", response).isEqualTo(400);
            assertThat(response.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    @Test
    void aNulInAPathIsAValidationFailure() {
        Http.Response response = http.put("/api/files/a%00b.txt", REPORT, bearer(alice));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("validation_failed");
    }

    @Test
    void everyUserHasTheirOwnSpace() {
        String bob = server.addUser("bob");
        assertThat(bob).isNotEqualTo(alice);
        assertThat(http.put("/api/files/docs/report.txt", REPORT, bearer(alice)).status())
                .isEqualTo(201);

        assertThat(children(http.get("/api/folders", bearer(bob)).json())).isEmpty();
        assertThat(http.get("/api/files/docs/report.txt", bearer(bob)).status()).isEqualTo(404);
        assertThat(http.delete("/api/files/docs/report.txt", bearer(bob)).status())
                .isEqualTo(404);
        Http.Response share = http.postJson("/api/shares", Map.of("item_id", "docs/report.txt"), bearer(bob));
        assertThat(share.status()).as("%s", share).isEqualTo(404);

        byte[] bobs = "bob's own".getBytes(StandardCharsets.UTF_8);
        assertThat(http.put("/api/files/docs/report.txt", bobs, bearer(bob)).status())
                .isEqualTo(201);
        assertThat(http.get("/api/files/docs/report.txt", bearer(bob)).body()).isEqualTo(bobs);
        assertThat(http.get("/api/files/docs/report.txt", bearer(alice)).body()).isEqualTo(REPORT);
    }

    @Test
    void aFileAndAFolderCannotShareAPathAndNothingAnswers500() {
        assertThat(http.put("/api/files/docs/report.txt", REPORT, bearer(alice)).status())
                .isEqualTo(201);

        Http.Response below = http.put("/api/files/docs/report.txt/inside.txt", REPORT, bearer(alice));
        Http.Response folderOverFile = http.postJson("/api/folders/docs/report.txt", Map.of(), bearer(alice));
        Http.Response fileOverFolder = http.put("/api/files/docs", REPORT, bearer(alice));
        Http.Response listAFile = http.get("/api/folders/docs/report.txt", bearer(alice));
        Http.Response downloadAFolder = http.get("/api/files/docs", bearer(alice));

        for (Http.Response response : List.of(below, folderOverFile, fileOverFolder, listAFile, downloadAFolder)) {
            assertThat(response.status()).as("%s", response).isBetween(400, 499);
            assertThat(response.header("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(http.get("/api/files/docs/report.txt", bearer(alice)).body()).isEqualTo(REPORT);
    }

    @Test
    void largeFilesAndUnicodeNamesGoThroughUnchanged() {
        byte[] large = new byte[5 * 1024 * 1024 + 17];
        new Random(42).nextBytes(large);
        assertThat(http.put("/api/files/big.bin", large, bearer(alice)).status())
                .isEqualTo(201);
        assertThat(http.get("/api/files/big.bin", bearer(alice)).body()).isEqualTo(large);
        Http.Response tail = http.get("/api/files/big.bin", "Range", "bytes=-10", "Authorization", "Bearer " + alice);
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(large, large.length - 10, large.length));
        Http.Response unsatisfiable =
                http.get("/api/files/big.bin", "Range", "bytes=999999999-", "Authorization", "Bearer " + alice);
        assertThat(unsatisfiable.status()).as("%s", unsatisfiable).isEqualTo(416);

        // "Grüße.txt" sent decomposed (u + combining diaeresis) is stored under its NFC name
        String nfd = "Gru%CC%88%C3%9Fe.txt";
        Http.Response created = http.put("/api/files/" + nfd, REPORT, bearer(alice));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.json().path("name").asText()).isEqualTo("Grüße.txt");
        Http.Response download = http.get("/api/files/Gr%C3%BC%C3%9Fe.txt", bearer(alice));
        assertThat(download.body()).isEqualTo(REPORT);
        assertThat(download.header("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).contains("filename*=UTF-8''Gr%C3%BC%C3%9Fe.txt"));
        assertThat(children(http.get("/api/folders", bearer(alice)).json()))
                .containsExactlyInAnyOrder("big.bin:file", "Grüße.txt:file");
    }

    /** {@code name:type} of each child of a folder listing, in the server's order. */
    static List<String> children(JsonNode folder) {
        List<String> names = new ArrayList<>();
        folder.path("children")
                .forEach(c ->
                        names.add(c.path("name").asText() + ":" + c.path("type").asText()));
        return names;
    }
}
