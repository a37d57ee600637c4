package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.application.port.in.share.FieldUpdate;
import dev.sharebridge.domain.share.SharePermissions;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareRoutesTest extends ApiTestSupport {

    @BeforeEach
    void someFiles() {
        putFile("docs/report.pdf", "pdf");
        putFile("other.txt", "x");
    }

    private JsonNode create(String body) {
        HttpResponse<String> r = postJson(authed("/api/shares"), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return json(r);
    }

    @Test
    void createAnswersTheFullShareShapeWithNulls() {
        JsonNode s = create("{\"item_id\":\"/docs/report.pdf\"}");
        List<String> names = new ArrayList<>();
        s.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "id",
                        "item_id",
                        "item_name",
                        "item_type",
                        "token",
                        "url",
                        "has_password",
                        "expires_at",
                        "permissions",
                        "label",
                        "max_accesses",
                        "access_count",
                        "last_accessed_at",
                        "created_at",
                        "created_by",
                        "parent_id",
                        "max_upload_bytes",
                        "max_file_bytes");
        assertThat(s.get("item_id").asText()).isEqualTo("docs/report.pdf");
        assertThat(s.get("item_name").asText()).isEqualTo("report.pdf");
        assertThat(s.get("item_type").asText()).isEqualTo("file");
        assertThat(s.get("url").asText())
                .isEqualTo(PUBLIC_URL + "/s/" + s.get("token").asText());
        assertThat(s.get("has_password").asBoolean()).isFalse();
        assertThat(s.get("expires_at").isNull()).isTrue();
        assertThat(s.get("label").isNull()).isTrue();
        assertThat(s.get("max_accesses").isNull()).isTrue();
        assertThat(s.get("last_accessed_at").isNull()).isTrue();
        assertThat(s.get("parent_id").isNull()).isTrue();
        assertThat(s.get("access_count").asLong()).isZero();
        assertThat(s.get("created_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(s.get("created_by").asText()).isEqualTo("alice");
        assertThat(s.get("permissions").toString()).isEqualTo("{\"read\":true,\"write\":false,\"reshare\":false}");
        assertThat(s.toString()).doesNotContain("hash");
    }

    @Test
    void createPassesEveryField() {
        JsonNode s = create("{\"item_id\":\"docs\",\"item_type\":\"folder\",\"password\":\"long enough pw\","
                + "\"expires_at\":\"2027-01-01T00:00:00Z\",\"permissions\":{\"read\":true,\"write\":true},"
                + "\"label\":\"team\",\"max_accesses\":5}");
        assertThat(s.get("has_password").asBoolean()).isTrue();
        assertThat(s.get("expires_at").asText()).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(s.get("permissions").get("write").asBoolean()).isTrue();
        assertThat(s.get("label").asText()).isEqualTo("team");
        assertThat(s.get("max_accesses").asLong()).isEqualTo(5);
        assertThat(shares.lastCreate.password()).hasValue("long enough pw");
        assertThat(s.toString()).doesNotContain("long enough pw");
    }

    @Test
    void trailingSlashIsTheSameRoute() {
        assertThat(postJson(authed("/api/shares/"), "{\"item_id\":\"other.txt\"}")
                        .statusCode())
                .isEqualTo(201);
        assertThat(get("/api/shares/").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"item_id\":\"other.txt\",\"token\":\"abc\"}",
                "{\"item_id\":\"other.txt\",\"access_count\":3}",
                "{\"item_id\":\"other.txt\",\"created_by\":\"bob\"}"
            })
    void serverFieldsAreUnknownFields(String body) {
        JsonNode p = assertProblem(postJson(authed("/api/shares"), body), 400, "validation_failed");
        assertThat(p.get("detail").asText()).containsAnyOf("token", "access_count", "created_by");
    }

    @Test
    void numbersBeyondTheFieldAreOutOfRangeNotBrokenJson() {
        for (String n : new String[] {"99999999999999999999", "9223372036854775808", "-9223372036854775809"}) {
            assertThat(assertProblem(
                                    postJson(
                                            authed("/api/shares"),
                                            "{\"item_id\":\"other.txt\",\"max_accesses\":" + n + "}"),
                                    400,
                                    "validation_failed")
                            .get("detail")
                            .asText())
                    .contains("out of range");
        }
    }

    @Test
    void wrongTypesNameTheField() {
        assertThat(assertProblem(postJson(authed("/api/shares"), "{\"item_id\":5}"), 400, "validation_failed")
                        .get("detail")
                        .asText())
                .contains("item_id");
        assertThat(assertProblem(
                                postJson(authed("/api/shares"), "{\"item_id\":\"other.txt\",\"max_accesses\":\"5\"}"),
                                400,
                                "validation_failed")
                        .get("detail")
                        .asText())
                .contains("max_accesses");
        assertThat(assertProblem(
                                postJson(
                                        authed("/api/shares"),
                                        "{\"item_id\":\"other.txt\",\"permissions\":{\"read\":\"yes\"}}"),
                                400,
                                "validation_failed")
                        .get("detail")
                        .asText())
                .contains("read");
        assertThat(assertProblem(
                                postJson(
                                        authed("/api/shares"),
                                        "{\"item_id\":\"other.txt\",\"expires_at\":\"tomorrow\"}"),
                                400,
                                "validation_failed")
                        .get("detail")
                        .asText())
                .contains("expires_at");
        assertThat(assertProblem(
                                postJson(
                                        authed("/api/shares"),
                                        "{\"item_id\":\"other.txt\",\"expires_at\":\"2020-01-01T00:00:00Z\"}"),
                                400,
                                "validation_failed")
                        .get("detail")
                        .asText())
                .contains("expires_at");
        assertThat(assertProblem(postJson(authed("/api/shares"), "{\"item_id\":\"../x\"}"), 400, "validation_failed")
                        .get("detail")
                        .asText())
                .contains("item_id");
        assertThat(assertProblem(
                                postJson(
                                        authed("/api/shares"),
                                        "{\"item_id\":\"other.txt\",\"permissions\":{\"read\":false}}"),
                                400,
                                "validation_failed")
                        .get("detail")
                        .asText())
                .contains("permissions");
        assertThat(assertProblem(
                                postJson(authed("/api/shares"), "{\"item_id\":\"other.txt\",\"item_type\":\"dir\"}"),
                                400,
                                "validation_failed")
                        .get("detail")
                        .asText())
                .contains("item_type");
        assertProblem(postJson(authed("/api/shares"), "{}"), 400, "validation_failed");
    }

    @Test
    void malformedAndOversizedBodies() {
        assertProblem(postJson(authed("/api/shares"), "{\"item_id\":"), 400, "validation_failed");
        assertProblem(postJson(authed("/api/shares"), "[1,2]"), 400, "validation_failed");
        assertProblem(postJson(authed("/api/shares"), "{\"item_id\":\"a\"} trailing"), 400, "validation_failed");
        String big = "{\"item_id\":\"other.txt\",\"label\":\"" + "x".repeat(70_000) + "\"}";
        assertProblem(postJson(authed("/api/shares"), big), 413, "payload_too_large");
    }

    @Test
    void aClientStillSendingAnOversizedBodyReadsThe413() {
        // 900 KiB: far over the limit, so without draining the server would close the connection
        // while the client is still writing, and the client would see a reset instead of the answer.
        String huge = "{\"item_id\":\"other.txt\",\"label\":\"" + "x".repeat(900 * 1024) + "\"}";
        for (int i = 0; i < 5; i++) {
            assertProblem(postJson(authed("/api/shares"), huge), 413, "payload_too_large");
        }
    }

    @Test
    void unknownItemIs404() {
        assertProblem(postJson(authed("/api/shares"), "{\"item_id\":\"nope\"}"), 404, "not_found");
    }

    @Test
    void listPagesWithOneShape() {
        for (int i = 0; i < 3; i++) {
            create("{\"item_id\":\"other.txt\"}");
        }
        create("{\"item_id\":\"docs/report.pdf\"}");
        JsonNode page1 = json(get("/api/shares?limit=2"));
        assertThat(page1.get("items")).hasSize(2);
        assertThat(page1.get("next_cursor").asText()).isEqualTo("2");
        JsonNode page2 = json(get("/api/shares?limit=2&cursor=2"));
        assertThat(page2.get("items")).hasSize(2);
        assertThat(page2.has("next_cursor")).isTrue();
        assertThat(page2.get("next_cursor").isNull()).isTrue();
        assertThat(json(get("/api/shares?item_id=%2Fdocs%2Freport.pdf")).get("items"))
                .hasSize(1);
        assertThat(json(get("/api/shares")).get("items")).hasSize(4);
        assertProblem(get("/api/shares?limit=0"), 400, "validation_failed");
        assertProblem(get("/api/shares?limit=abc"), 400, "validation_failed");
        assertProblem(get("/api/shares?limit=201"), 400, "validation_failed");
        assertProblem(get("/api/shares?item_id=..%2Fx"), 400, "validation_failed");
        assertThat(json(send(req("/api/shares").header("Authorization", "Bearer " + BOB_TOKEN)))
                        .get("items"))
                .isEmpty();
    }

    @Test
    void getOneAndMalformedIds() {
        String id = create("{\"item_id\":\"other.txt\"}").get("id").asText();
        assertThat(json(get("/api/shares/" + id)).get("id").asText()).isEqualTo(id);
        assertThat(json(get("/api/shares/" + id + "/")).get("id").asText()).isEqualTo(id);
        assertProblem(get("/api/shares/not-a-uuid"), 404, "not_found");
        assertProblem(get("/api/shares/%27%20OR%201=1"), 404, "not_found");
        assertProblem(get("/api/shares/00000000-0000-0000-0000-000000000000"), 404, "not_found");
        assertProblem(send(req("/api/shares/" + id).header("Authorization", "Bearer " + BOB_TOKEN)), 404, "not_found");
    }

    @Test
    void updateDistinguishesAbsentNullAndValue() {
        String id = create("{\"item_id\":\"other.txt\",\"label\":\"old\",\"max_accesses\":3,"
                        + "\"expires_at\":\"2027-01-01T00:00:00Z\"}")
                .get("id")
                .asText();
        HttpResponse<String> r = putJson(
                authed("/api/shares/" + id),
                "{\"label\":null,\"password\":\"new long password\",\"permissions\":{\"read\":true,\"reshare\":true}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(shares.lastUpdate.label()).isInstanceOf(FieldUpdate.Clear.class);
        assertThat(shares.lastUpdate.password()).isEqualTo(FieldUpdate.set("new long password"));
        assertThat(shares.lastUpdate.maxAccesses()).isInstanceOf(FieldUpdate.Unchanged.class);
        assertThat(shares.lastUpdate.expiresAt()).isInstanceOf(FieldUpdate.Unchanged.class);
        assertThat(shares.lastUpdate.permissions()).isEqualTo(FieldUpdate.set(new SharePermissions(true, false, true)));
        JsonNode s = json(r);
        assertThat(s.get("label").isNull()).isTrue();
        assertThat(s.get("max_accesses").asLong()).isEqualTo(3);
        assertThat(s.get("has_password").asBoolean()).isTrue();

        putJson(authed("/api/shares/" + id + "/"), "{\"expires_at\":null,\"max_accesses\":null,\"password\":null}");
        assertThat(shares.lastUpdate.expiresAt()).isInstanceOf(FieldUpdate.Clear.class);
        assertThat(shares.lastUpdate.password()).isInstanceOf(FieldUpdate.Clear.class);
        putJson(authed("/api/shares/" + id), "{\"expires_at\":\"2027-02-01T00:00:00Z\"}");
        assertThat(shares.lastUpdate.expiresAt()).isEqualTo(FieldUpdate.set(Instant.parse("2027-02-01T00:00:00Z")));

        assertProblem(putJson(authed("/api/shares/" + id), "{\"token\":\"x\"}"), 400, "validation_failed");
        assertThat(assertProblem(
                                putJson(authed("/api/shares/" + id), "{\"max_accesses\":true}"),
                                400,
                                "validation_failed")
                        .get("detail")
                        .asText())
                .contains("max_accesses");
        assertThat(assertProblem(
                                putJson(authed("/api/shares/" + id), "{\"permissions\":{\"bogus\":true}}"),
                                400,
                                "validation_failed")
                        .get("detail")
                        .asText())
                .contains("bogus");
        assertProblem(putJson(authed("/api/shares/" + id), "{\"permissions\":null}"), 400, "validation_failed");
        assertProblem(putJson(authed("/api/shares/nope"), "{}"), 404, "not_found");
    }

    @Test
    void deleteAnswers204ThenTheShareIsGone() {
        String id = create("{\"item_id\":\"other.txt\"}").get("id").asText();
        HttpResponse<String> r = send(authed("/api/shares/" + id).DELETE());
        assertThat(r.statusCode()).isEqualTo(204);
        assertProblem(get("/api/shares/" + id), 404, "not_found");
        assertProblem(send(authed("/api/shares/" + id).DELETE()), 404, "not_found");
    }
}
