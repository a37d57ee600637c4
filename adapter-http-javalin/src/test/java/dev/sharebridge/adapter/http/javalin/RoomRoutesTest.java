package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sharebridge.application.testing.InMemoryStorageProvider.Op;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The meeting-room REST routes of docs/reference.md §8 on the real room services. */
class RoomRoutesTest extends RoomTestSupport {

    @Test
    void createAnswersTheRoomShape() {
        HttpResponse<String> r = postJson(as("alice", "/v1/rooms"), "{\"title\":\"  Weekly  \"}");
        expect(201, r);
        JsonNode room = json(r);
        assertFields(room, "id", "title", "created_by", "created_at");
        assertThat(RoomId.parse(room.get("id").asText())).isPresent();
        assertThat(room.get("title").asText()).isEqualTo("Weekly");
        assertThat(room.get("created_by").asText()).isEqualTo("alice");
        assertThat(room.get("created_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
    }

    @Test
    void titleIsOptionalAndAnEmptyBodyIsFine() {
        HttpResponse<String> r = send(as("alice", "/v1/rooms/").POST(HttpRequest.BodyPublishers.noBody()));
        expect(201, r);
        assertThat(json(r).get("title").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"x\"}", "{\"created_by\":\"bob\"}", "{\"title\":5}", "[]", "{nope"})
    void badCreateBodiesAre400(String body) {
        assertProblem(postJson(as("alice", "/v1/rooms"), body), 400, "validation_failed");
    }

    @Test
    void everyRouteNeedsABearerToken() {
        String room = createRoom("r");
        assertProblem(postJson(req("/v1/rooms"), "{}"), 401, "unauthorized");
        assertProblem(send(req("/v1/rooms")), 401, "unauthorized");
        assertProblem(send(req("/v1/rooms/" + room)), 401, "unauthorized");
        assertProblem(send(req("/v1/rooms/" + room + "/shared_folder")), 401, "unauthorized");
        assertProblem(
                send(req("/v1/rooms/" + room + "/invitees/bob").PUT(HttpRequest.BodyPublishers.noBody())),
                401,
                "unauthorized");
        assertProblem(
                send(req("/v1/rooms/" + room)
                        .header("Authorization", "Bearer wrong")
                        .DELETE()),
                401,
                "unauthorized");
    }

    @Test
    void ownerAndInviteesSeeTheRoomStrangersGet404() {
        String room = createRoom("r");
        invite(room, "bob");
        expect(200, call("alice", "GET", "/v1/rooms/" + room));
        expect(200, call("bob", "GET", "/v1/rooms/" + room + "/"));
        assertProblem(call("dave", "GET", "/v1/rooms/" + room), 404, "not_found");
        assertProblem(call("alice", "GET", "/v1/rooms/" + RoomId.random()), 404, "not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1", "%2e%2e", "00000000-0000-0000-0000-00000000000G"})
    void malformedRoomIdsAre404(String id) {
        assertProblem(call("alice", "GET", "/v1/rooms/" + id), 404, "not_found");
        assertProblem(call("alice", "PUT", "/v1/rooms/" + id + "/invitees/bob"), 404, "not_found");
        assertProblem(call("alice", "POST", "/v1/rooms/" + id + "/start"), 404, "not_found");
    }

    @Test
    void listShowsTheCallersRooms() {
        String mine = createRoom("mine");
        String shared = createRoom("shared");
        invite(shared, "bob");
        HttpResponse<String> alice = call("alice", "GET", "/v1/rooms");
        expect(200, alice);
        assertFields(json(alice), "items");
        assertThat(json(alice).get("items").findValuesAsText("id")).containsExactlyInAnyOrder(mine, shared);
        assertThat(json(call("bob", "GET", "/v1/rooms/")).get("items").findValuesAsText("id"))
                .containsExactly(shared);
        assertThat(json(call("dave", "GET", "/v1/rooms")).get("items")).isEmpty();
    }

    @Test
    void inviteesCanBeAddedAndRemovedByModerators() {
        String room = createRoom("r");
        invite(room, "bob");
        invite(room, "bob");
        assertProblem(call("bob", "PUT", "/v1/rooms/" + room + "/invitees/carol"), 403, "forbidden");
        assertProblem(call("dave", "PUT", "/v1/rooms/" + room + "/invitees/carol"), 404, "not_found");
        expect(204, call("alice", "DELETE", "/v1/rooms/" + room + "/invitees/bob/"));
        assertProblem(call("bob", "GET", "/v1/rooms/" + room), 404, "not_found");
        assertProblem(call("alice", "PUT", "/v1/rooms/" + room + "/invitees/nobody"), 404, "not_found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bob", "-bob", "b%20b", "b%C3%B6b"})
    void malformedUserNamesAre400(String user) {
        String room = createRoom("r");
        JsonNode p = assertProblem(
                call("alice", "PUT", "/v1/rooms/" + room + "/invitees/" + user), 400, "validation_failed");
        assertThat(p.get("detail").asText()).contains("user");
        assertProblem(call("alice", "DELETE", "/v1/rooms/" + room + "/moderators/" + user), 400, "validation_failed");
        // even in someone else's room: the answer depends on the input only, never on the room
        assertProblem(call("dave", "PUT", "/v1/rooms/" + room + "/invitees/" + user), 400, "validation_failed");
    }

    @Test
    void moderatorsCanInviteAndTheOwnerCannotBeDemoted() {
        String room = createRoom("r");
        expect(204, call("alice", "PUT", "/v1/rooms/" + room + "/moderators/bob"));
        expect(204, call("bob", "PUT", "/v1/rooms/" + room + "/invitees/carol"));
        expect(200, call("carol", "GET", "/v1/rooms/" + room));
        assertProblem(call("bob", "DELETE", "/v1/rooms/" + room + "/moderators/alice"), 403, "forbidden");
        assertProblem(call("carol", "PUT", "/v1/rooms/" + room + "/moderators/carol"), 403, "forbidden");
        expect(204, call("alice", "DELETE", "/v1/rooms/" + room + "/moderators/bob"));
        assertProblem(call("bob", "PUT", "/v1/rooms/" + room + "/invitees/dave"), 403, "forbidden");
        expect(200, call("bob", "GET", "/v1/rooms/" + room));
    }

    @Test
    void inviteCodesAreForModerators() {
        String room = createRoom("r");
        invite(room, "bob");
        HttpResponse<String> r = call("alice", "POST", "/v1/rooms/" + room + "/invite_codes/");
        expect(201, r);
        assertFields(json(r), "code");
        assertThat(json(r).get("code").asText()).matches("[A-Za-z0-9_-]{22}");
        assertProblem(call("bob", "POST", "/v1/rooms/" + room + "/invite_codes"), 403, "forbidden");
        assertProblem(call("dave", "POST", "/v1/rooms/" + room + "/invite_codes"), 404, "not_found");
    }

    @Test
    void sharedFolderIsCreatedOnceAndHiddenFromParticipants() {
        String room = createRoom("r");
        invite(room, "bob");
        assertProblem(call("alice", "GET", "/v1/rooms/" + room + "/shared_folder"), 404, "not_found");
        assertProblem(call("bob", "PUT", "/v1/rooms/" + room + "/shared_folder"), 403, "forbidden");

        JsonNode created = putFolder(room);
        assertFields(created, "read", "read_write");
        assertFields(created.get("read"), "url", "password");
        assertFields(created.get("read_write"), "url", "password");
        assertThat(created.get("read").get("url").asText()).startsWith("https://share.example.org/s/");
        assertThat(created.get("read").get("password").asText())
                .hasSizeGreaterThanOrEqualTo(16)
                .isNotEqualTo(created.get("read_write").get("password").asText());

        HttpResponse<String> again = call("alice", "PUT", "/v1/rooms/" + room + "/shared_folder/");
        expect(200, again);
        assertThat(json(again)).isEqualTo(created);
        HttpResponse<String> owner = call("alice", "GET", "/v1/rooms/" + room + "/shared_folder");
        expect(200, owner);
        assertThat(json(owner)).isEqualTo(created);

        HttpResponse<String> bob = call("bob", "GET", "/v1/rooms/" + room + "/shared_folder");
        expect(200, bob);
        assertFields(json(bob), "read");
        assertThat(bob.body())
                .doesNotContain("read_write")
                .doesNotContain(created.get("read_write").get("password").asText());
        assertThat(json(bob).get("read")).isEqualTo(created.get("read"));
        assertProblem(call("dave", "GET", "/v1/rooms/" + room + "/shared_folder"), 404, "not_found");
    }

    @Test
    void sharedFolderDeleteIsForModeratorsAndIdempotent() {
        String room = createRoom("r");
        invite(room, "bob");
        putFolder(room);
        assertProblem(call("bob", "DELETE", "/v1/rooms/" + room + "/shared_folder"), 403, "forbidden");
        expect(204, call("alice", "DELETE", "/v1/rooms/" + room + "/shared_folder"));
        assertProblem(call("alice", "GET", "/v1/rooms/" + room + "/shared_folder"), 404, "not_found");
        expect(204, call("alice", "DELETE", "/v1/rooms/" + room + "/shared_folder/"));
        assertThat(roomStack.shares.deleteByRoom(RoomId.parse(room).orElseThrow()))
                .isZero();
    }

    @Test
    void sharedFolderStorageFailureIs502AndLeavesNothing() {
        String room = createRoom("r");
        roomStack.storage.fail(Op.MAKE_FOLDER, new StorageUnavailableException("down", null));
        assertProblem(call("alice", "PUT", "/v1/rooms/" + room + "/shared_folder"), 502, "upstream_unavailable");
        roomStack.storage.heal();
        putFolder(room);
    }

    @Test
    void roomDeleteIsForTheOwner() {
        String room = createRoom("r");
        expect(204, call("alice", "PUT", "/v1/rooms/" + room + "/moderators/bob"));
        assertProblem(call("bob", "DELETE", "/v1/rooms/" + room), 403, "forbidden");
        assertProblem(call("dave", "DELETE", "/v1/rooms/" + room), 404, "not_found");
        assertProblem(call("alice", "DELETE", "/v1/rooms/" + room + "?force=yes"), 400, "validation_failed");
        putFolder(room);
        expect(204, call("alice", "DELETE", "/v1/rooms/" + room + "/"));
        assertProblem(call("alice", "GET", "/v1/rooms/" + room), 404, "not_found");
        assertProblem(call("alice", "DELETE", "/v1/rooms/" + room), 404, "not_found");
    }

    @Test
    void roomDeleteKeepsTheRoomWhenTheStorageFailsUnlessForced() {
        String room = createRoom("r");
        putFolder(room);
        roomStack.storage.fail(Op.DELETE, new StorageUnavailableException("busy", null, Duration.ofSeconds(7)));
        HttpResponse<String> r = call("alice", "DELETE", "/v1/rooms/" + room);
        assertProblem(r, 503, "upstream_unavailable");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
        expect(200, call("alice", "GET", "/v1/rooms/" + room));
        expect(204, call("alice", "DELETE", "/v1/rooms/" + room + "?force=true"));
        assertProblem(call("alice", "GET", "/v1/rooms/" + room), 404, "not_found");
    }

    @Test
    void ownerAndInviteesGetTickets() {
        String room = createRoom("r");
        invite(room, "bob");
        HttpResponse<String> r = call("alice", "POST", "/v1/rooms/" + room + "/start");
        expect(200, r);
        assertFields(json(r), "ticket");
        assertThat(ticket("bob", room)).isNotEqualTo(json(r).get("ticket").asText());
        expect(200, call("bob", "POST", "/v1/rooms/" + room + "/start/"));
        assertProblem(call("dave", "POST", "/v1/rooms/" + room + "/start"), 404, "not_found");
        assertProblem(
                send(req("/v1/rooms/" + room + "/start")
                        .header("Authorization", "Bearer wrong")
                        .POST(HttpRequest.BodyPublishers.noBody())),
                401,
                "unauthorized");
    }

    @Test
    void guestsStartWithAnInviteCode() {
        String room = createRoom("r");
        String code = inviteCode(room);
        HttpResponse<String> r = postJson(
                req("/v1/rooms/" + room + "/start"), "{\"invite_code\":\"" + code + "\",\"display_name\":\"Ada\"}");
        expect(200, r);
        assertFields(json(r), "ticket");
        String other = createRoom("other");
        assertProblem(
                postJson(
                        req("/v1/rooms/" + other + "/start"),
                        "{\"invite_code\":\"" + code + "\",\"display_name\":\"Ada\"}"),
                404,
                "not_found");
        assertProblem(
                postJson(
                        req("/v1/rooms/" + room + "/start"),
                        "{\"invite_code\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"display_name\":\"Ada\"}"),
                404,
                "not_found");
        assertProblem(
                postJson(req("/v1/rooms/" + room + "/start"), "{\"invite_code\":\"" + code + "\"}"),
                400,
                "validation_failed");
        assertProblem(
                postJson(
                        req("/v1/rooms/" + room + "/start"),
                        "{\"invite_code\":\"" + code + "\",\"display_name\":\"  \"}"),
                400,
                "validation_failed");
        assertProblem(
                postJson(
                        req("/v1/rooms/" + room + "/start"),
                        "{\"invite_code\":\"" + code + "\",\"display_name\":\"Ada\",\"role\":\"moderator\"}"),
                400,
                "validation_failed");
    }

    @Test
    void startWithoutTokenOrInviteCodeIs401() {
        String room = createRoom("r");
        assertProblem(postJson(req("/v1/rooms/" + room + "/start"), "{}"), 401, "unauthorized");
        assertProblem(
                send(req("/v1/rooms/" + room + "/start").POST(HttpRequest.BodyPublishers.noBody())),
                401,
                "unauthorized");
    }
}
