package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** REST and WebSocket helpers for the meeting-room tests; the owner of every room is alice. */
abstract class RoomTestSupport extends ApiTestSupport {
    private final List<WsClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    HttpResponse<String> call(String user, String method, String path) {
        return send(as(user, path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    void expect(int status, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }

    String createRoom(String title) {
        HttpResponse<String> r =
                postJson(as("alice", "/v1/rooms"), title == null ? "{}" : "{\"title\":\"" + title + "\"}");
        expect(201, r);
        return json(r).get("id").asText();
    }

    void invite(String room, String user) {
        expect(204, call("alice", "PUT", "/v1/rooms/" + room + "/invitees/" + user));
    }

    String inviteCode(String room) {
        HttpResponse<String> r = call("alice", "POST", "/v1/rooms/" + room + "/invite_codes");
        expect(201, r);
        return json(r).get("code").asText();
    }

    String ticket(String user, String room) {
        HttpResponse<String> r = call(user, "POST", "/v1/rooms/" + room + "/start");
        expect(200, r);
        return json(r).get("ticket").asText();
    }

    String guestTicket(String room, String name) {
        HttpResponse<String> r = postJson(
                req("/v1/rooms/" + room + "/start"),
                "{\"invite_code\":\"" + inviteCode(room) + "\",\"display_name\":\"" + name + "\"}");
        expect(200, r);
        return json(r).get("ticket").asText();
    }

    JsonNode putFolder(String room) {
        HttpResponse<String> r = call("alice", "PUT", "/v1/rooms/" + room + "/shared_folder");
        expect(201, r);
        return json(r);
    }

    URI signaling(String ticket) {
        return URI.create(base.replace("http://", "ws://") + "/signaling?ticket=" + ticket);
    }

    WsClient connect(String ticket, boolean reads) {
        WsClient c = new WsClient(reads);
        client.newWebSocketBuilder().buildAsync(signaling(ticket), c).join();
        clients.add(c);
        return c;
    }

    /** Joins as {@code user} and returns the client after its {@code join_success}. */
    WsClient join(String user, String room) {
        return connect(ticket(user, room), true).awaitJoin();
    }

    static void assertFields(JsonNode node, String... names) {
        List<String> actual = new ArrayList<>();
        node.fieldNames().forEachRemaining(actual::add);
        assertThat(actual).as(node.toString()).containsExactly(names);
    }
}
