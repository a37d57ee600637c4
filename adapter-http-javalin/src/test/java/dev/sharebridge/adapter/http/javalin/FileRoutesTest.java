package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileRoutesTest extends ApiTestSupport {

    @Test
    void uploadAnswers201ThenReplaces200WithItemJson() {
        HttpResponse<String> first = putFile("docs/a%20b.txt", "hello");
        assertThat(first.statusCode()).isEqualTo(201);
        JsonNode item = json(first);
        assertThat(item.get("path").asText()).isEqualTo("docs/a b.txt");
        assertThat(item.get("name").asText()).isEqualTo("a b.txt");
        assertThat(item.get("type").asText()).isEqualTo("file");
        assertThat(item.get("size").asLong()).isEqualTo(5);
        assertThat(item.get("modified_at").asText()).isEqualTo("2026-11-30T08:15:30Z");
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/json");

        HttpResponse<String> second = putFile("docs/a%20b.txt", "hello again");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second).get("size").asLong()).isEqualTo(11);
    }

    @Test
    void moveAnswersTheMovedItem201ThenReplacing200() {
        putFile("docs/a.txt", "a");
        putFile("old.txt", "old");

        HttpResponse<String> moved = postJson(authed("/api/files/move"), "{\"from\": \"docs\", \"to\": \"/archive\"}");
        assertThat(moved.statusCode()).isEqualTo(201);
        assertThat(json(moved).get("path").asText()).isEqualTo("archive");
        assertThat(json(moved).get("type").asText()).isEqualTo("folder");
        assertThat(get("/api/files/archive/a.txt").body()).isEqualTo("a");
        assertThat(get("/api/files/docs/a.txt").statusCode()).isEqualTo(404);

        HttpResponse<String> replaced = postJson(
                authed("/api/files/move/"), "{\"from\": \"archive/a.txt\", \"to\": \"old.txt\", \"overwrite\": true}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(json(replaced).get("name").asText()).isEqualTo("old.txt");
        assertThat(get("/api/files/old.txt").body()).isEqualTo("a");
    }

    @Test
    void moveRefusalsNameTheirReason() {
        putFile("a.txt", "a");
        putFile("b.txt", "b");
        putFile("d/x.txt", "x");

        assertProblem(move("{\"from\": \"nothing\", \"to\": \"x\"}"), 404, "not_found");
        assertProblem(move("{\"from\": \"a.txt\", \"to\": \"no/such/folder.txt\"}"), 409, "conflict");
        assertProblem(move("{\"from\": \"a.txt\", \"to\": \"b.txt\"}"), 412, "precondition_failed");
        assertProblem(
                move("{\"from\": \"a.txt\", \"to\": \"b.txt\", \"overwrite\": false}"), 412, "precondition_failed");
        assertProblem(move("{\"from\": \"d\", \"to\": \"d/inner\"}"), 400, "validation_failed");
        assertProblem(move("{\"from\": \"a.txt\", \"to\": \"../escape.txt\"}"), 400, "validation_failed");
        assertProblem(move("{\"from\": \"a.txt\", \"to\": \"\"}"), 400, "validation_failed");
        assertProblem(move("{\"from\": \"a.txt\"}"), 400, "validation_failed");
        assertProblem(move("{\"from\": \"a.txt\", \"to\": \"c.txt\", \"mode\": 1}"), 400, "validation_failed");
        assertProblem(move("[]"), 400, "validation_failed");
        assertProblem(
                send(authed("/api/files/move")
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"from\": \"a.txt\", \"to\": \"c.txt\"}"))),
                415,
                "unsupported_media_type");
        assertThat(send(req("/api/files/move")
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"from\": \"a.txt\", \"to\": \"c.txt\"}")))
                        .statusCode())
                .isEqualTo(401);

        // nothing of that moved anything
        assertThat(get("/api/files/a.txt").body()).isEqualTo("a");
        assertThat(get("/api/files/b.txt").body()).isEqualTo("b");
        assertThat(get("/api/files/d/x.txt").body()).isEqualTo("x");
        assertThat(get("/api/files/c.txt").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> move(String body) {
        return postJson(authed("/api/files/move"), body);
    }

    @Test
    void downloadStreamsWithValidatorsAndSafeDisposition() {
        putFile("r%C3%A9sum%C3%A9%20%22x%22.txt", "0123456789");
        HttpResponse<String> r = get("/api/files/r%C3%A9sum%C3%A9%20%22x%22.txt");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("0123456789");
        assertThat(r.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(r.headers().firstValue("ETag"))
                .hasValueSatisfying(e -> assertThat(e).startsWith("\"").endsWith("\""));
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(r.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"r_sum_ _x_.txt\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22x%22.txt");
    }

    @Test
    void contentDispositionNeutralisesCrlfAndTraversal() {
        String header =
                dev.sharebridge.adapter.http.javalin.internal.Downloads.contentDisposition("..\\evil\r\n\"name\";.txt");
        assertThat(header).doesNotContain("\r").doesNotContain("\n").doesNotContain("\\");
        assertThat(header).startsWith("attachment; filename=\".._evil___name__.txt\"; filename*=UTF-8''");
        assertThat(header).endsWith("..%5Cevil%0D%0A%22name%22%3B.txt");
    }

    @Test
    void conditionalAndRangeRequests() {
        putFile("f.bin", "0123456789");
        String etag = get("/api/files/f.bin").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> notModified = send(authed("/api/files/f.bin").header("If-None-Match", etag));
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);

        assertRange("bytes=2-4", 206, "234", "bytes 2-4/10");
        assertRange("bytes=7-", 206, "789", "bytes 7-9/10");
        assertRange("bytes=-3", 206, "789", "bytes 7-9/10");
        assertRange("bytes=5-100", 206, "56789", "bytes 5-9/10");
        assertRange("bytes=0-1,4-5", 200, "0123456789", null);
        assertRange("bytes=x-y", 200, "0123456789", null);

        HttpResponse<String> unsatisfiable = send(authed("/api/files/f.bin").header("Range", "bytes=10-"));
        assertProblem(unsatisfiable, 416, "range_not_satisfiable");
        assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */10");
        assertProblem(send(authed("/api/files/f.bin").header("Range", "bytes=-0")), 416, "range_not_satisfiable");

        HttpResponse<String> staleIfRange =
                send(authed("/api/files/f.bin").header("Range", "bytes=0-0").header("If-Range", "\"other\""));
        assertThat(staleIfRange.statusCode()).isEqualTo(200);
    }

    private void assertRange(String range, int status, String body, String contentRange) {
        HttpResponse<String> r = send(authed("/api/files/f.bin").header("Range", range));
        assertThat(r.statusCode()).as(range).isEqualTo(status);
        assertThat(r.body()).as(range).isEqualTo(body);
        assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(body.length()));
        if (contentRange == null) {
            assertThat(r.headers().firstValue("Content-Range")).isEmpty();
        } else {
            assertThat(r.headers().firstValue("Content-Range")).hasValue(contentRange);
        }
    }

    @Test
    void headAnswersHeadersWithoutBody() {
        putFile("f.bin", "0123456789");
        HttpResponse<String> r = send(authed("/api/files/f.bin").method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(r.headers().firstValue("Content-Length")).hasValue("10");
        assertThat(r.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void aFolderIsNotAFile() {
        send(authed("/api/folders/dir").POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(get("/api/files/dir"), 404, "not_found");
        assertProblem(get("/api/files/missing"), 404, "not_found");
    }

    @Test
    void foldersAreCreatedListedAndDeleted() {
        HttpResponse<String> created = send(authed("/api/folders/a/b").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("type").asText()).isEqualTo("folder");
        assertThat(send(authed("/api/folders/a/b/").POST(HttpRequest.BodyPublishers.noBody()))
                        .statusCode())
                .isEqualTo(200);
        putFile("a/x.txt", "x");

        JsonNode root = json(get("/api/folders"));
        assertThat(root.get("path").asText()).isEqualTo("");
        assertThat(root.get("name").asText()).isEmpty();
        assertThat(root.get("type").asText()).isEqualTo("folder");
        assertThat(root.get("children")).hasSize(1);
        assertThat(json(get("/api/folders/")).get("children")).hasSize(1);

        JsonNode a = json(get("/api/folders/a"));
        assertThat(a.get("path").asText()).isEqualTo("a");
        assertThat(a.get("children")).extracting(c -> c.get("name").asText()).containsExactly("b", "x.txt");
        assertThat(a.get("children").get(0).fieldNames())
                .toIterable()
                .containsExactly("path", "name", "type", "size", "modified_at", "preview");
        assertThat(json(get("/api/folders/a/")).get("path").asText()).isEqualTo("a");

        HttpResponse<String> deleted = send(authed("/api/files/a/").DELETE());
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertProblem(get("/api/folders/a"), 404, "not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "a/../b", "%2e%2e", "a/%2E%2E/b", ".", "a%5Cb", "a//b", "%2Fa", "a/%0A", "a%01"})
    void badPathsAre400NeverA500(String path) {
        assertProblem(get("/api/files/" + path), 400, "validation_failed");
        assertProblem(
                send(authed("/api/files/" + path).PUT(HttpRequest.BodyPublishers.ofString("x"))),
                400,
                "validation_failed");
    }

    @Test
    void encodedNulIsRefusedAsAProblemBeforeRouting() {
        // Jetty itself refuses an encoded NUL in the request target; it still answers problem+json
        HttpResponse<String> r = get("/api/files/a%00b");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(json(r).get("code").asText()).isEqualTo("validation_failed");
    }

    @Test
    void overLongSegmentIs400NamingThePath() {
        JsonNode p = assertProblem(putFile("x".repeat(256), "x"), 400, "validation_failed");
        assertThat(p.get("detail").asText()).contains("path");
    }

    @Test
    void rawDotSegmentsAndBackslashAre400() {
        String r1 = raw("GET /api/files/a/../b HTTP/1.1", Map.of("Authorization", "Bearer " + TOKEN));
        assertThat(r1)
                .startsWith("HTTP/1.1 400")
                .contains("application/problem+json")
                .doesNotContain("<html");
        String r2 = raw("GET /api/files/a\\b HTTP/1.1", Map.of("Authorization", "Bearer " + TOKEN));
        assertThat(r2).startsWith("HTTP/1.1 400").doesNotContain("<html");
    }

    @Test
    void everyManagementRouteNeedsABearerToken() {
        for (String path : new String[] {"/api/files/a", "/api/folders", "/api/folders/a", "/api/shares"}) {
            HttpResponse<String> none = send(req(path).GET());
            assertProblem(none, 401, "unauthorized");
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertProblem(send(req(path).header("Authorization", "Bearer wrong")), 401, "unauthorized");
            assertProblem(send(req(path).header("Authorization", "Basic YTpi")), 401, "unauthorized");
        }
        assertProblem(send(req("/api/files/a").PUT(HttpRequest.BodyPublishers.ofString("x"))), 401, "unauthorized");
    }

    @Test
    void unknownRouteAndWrongMethodAreProblems() {
        assertProblem(get("/api/nothing"), 404, "not_found");
        assertProblem(send(authed("/api/folders").DELETE()), 405, "method_not_allowed");
    }

    @Test
    void unexpectedFailureIsABare500() {
        putFile("f", "x");
        files.failNext = new IllegalStateException("secret internal detail");
        JsonNode p = assertProblem(get("/api/files/f"), 500, "internal_error");
        assertThat(p.toString()).doesNotContain("secret internal detail").doesNotContain("IllegalState");
    }

    @Test
    void noCorsHeadersAndARequestId() {
        HttpResponse<String> r = send(authed("/api/folders").header("Origin", "https://evil.example"));
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control"));
        assertThat(r.headers().firstValue("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).hasSize(16));
    }
}
