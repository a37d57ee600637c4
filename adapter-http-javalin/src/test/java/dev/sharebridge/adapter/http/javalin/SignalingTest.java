package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signaling WebSocket of docs/reference.md §8 over java.net.http, on the real meeting service. */
class SignalingTest extends RoomTestSupport {

    @Test
    void joinSuccessIsTheFirstMessage() {
        String room = createRoom("r");
        WsClient alice = connect(ticket("alice", room), true);
        JsonNode envelope = alice.nextEnvelope();
        assertFields(envelope, "namespace", "timestamp", "payload");
        assertThat(envelope.get("namespace").asText()).isEqualTo("control");
        assertThat(envelope.get("timestamp").asText()).isEqualTo("2026-12-01T10:00:00Z");
        JsonNode join = envelope.get("payload");
        assertFields(join, "message", "id", "role");
        assertThat(join.get("message").asText()).isEqualTo("join_success");
        assertThat(join.get("id").asText()).isNotBlank();
        assertThat(join.get("role").asText()).isEqualTo("moderator");
        assertThat(roomStack.publisher.connectionCount()).isEqualTo(1);
    }

    @Test
    void joinSuccessCarriesTheFolderAsTheRoleMaySeeIt() {
        String room = createRoom("r");
        invite(room, "bob");
        JsonNode folder = putFolder(room);
        WsClient alice = connect(ticket("alice", room), true);
        JsonNode aliceJoin = alice.next("control");
        assertFields(aliceJoin, "message", "id", "role", "shared_folder");
        assertThat(aliceJoin.get("shared_folder")).isEqualTo(folder);

        WsClient bob = connect(ticket("bob", room), true);
        JsonNode bobJoin = bob.next("control");
        assertThat(bobJoin.get("role").asText()).isEqualTo("participant");
        assertFields(bobJoin.get("shared_folder"), "read");
        assertThat(bobJoin.get("shared_folder").get("read")).isEqualTo(folder.get("read"));
        assertThat(bobJoin.get("id").asText()).isNotEqualTo(aliceJoin.get("id").asText());
    }

    @Test
    void promotionAndDemotionOverRestUpdateTheParticipant() {
        String room = createRoom("r");
        invite(room, "bob");
        JsonNode folder = putFolder(room);
        WsClient bob = join("bob", room);

        expect(204, call("alice", "PUT", "/v1/rooms/" + room + "/moderators/bob"));
        JsonNode promoted = bob.next("shared_folder");
        assertFields(promoted, "message", "read", "read_write");
        assertThat(promoted.get("message").asText()).isEqualTo("updated");
        assertThat(promoted.get("read_write")).isEqualTo(folder.get("read_write"));

        expect(204, call("alice", "DELETE", "/v1/rooms/" + room + "/moderators/bob"));
        JsonNode demoted = bob.next("shared_folder");
        assertFields(demoted, "message", "read");
        assertThat(demoted.get("read")).isEqualTo(folder.get("read"));
    }

    @Test
    void folderCreatedAndDeletedDuringTheMeetingReachesEveryone() {
        String room = createRoom("r");
        invite(room, "bob");
        WsClient alice = join("alice", room);
        WsClient bob = join("bob", room);
        WsClient guest = connect(guestTicket(room, "Ada"), true);
        assertThat(guest.next("control").get("role").asText()).isEqualTo("participant");

        JsonNode folder = putFolder(room);
        JsonNode forAlice = alice.next("shared_folder");
        assertFields(forAlice, "message", "read", "read_write");
        assertThat(forAlice.get("read_write")).isEqualTo(folder.get("read_write"));
        assertFields(bob.next("shared_folder"), "message", "read");
        assertFields(guest.next("shared_folder"), "message", "read");

        expect(204, call("alice", "DELETE", "/v1/rooms/" + room + "/shared_folder"));
        for (WsClient c : new WsClient[] {alice, bob, guest}) {
            JsonNode deleted = c.next("shared_folder");
            assertFields(deleted, "message");
            assertThat(deleted.get("message").asText()).isEqualTo("deleted");
        }
    }

    @Test
    void aParticipantsModerationCommandIsRefused() {
        String room = createRoom("r");
        invite(room, "bob");
        WsClient alice = connect(ticket("alice", room), true);
        String aliceId = alice.next("control").get("id").asText();
        WsClient bob = join("bob", room);
        bob.send("{\"namespace\":\"moderation\",\"payload\":{\"action\":\"revoke_moderator_role\",\"target\":\""
                + aliceId + "\"}}");
        JsonNode error = bob.next("moderation");
        assertFields(error, "message", "error");
        assertThat(error.get("error").asText()).isEqualTo("insufficient_permissions");
        assertThat(alice.messages).isEmpty();
    }

    @Test
    void aModeratorPromotesAGuestOverSignaling() {
        String room = createRoom("r");
        JsonNode folder = putFolder(room);
        WsClient alice = join("alice", room);
        WsClient guest = connect(guestTicket(room, "Ada"), true);
        JsonNode join = guest.next("control");
        assertFields(join.get("shared_folder"), "read");

        alice.send("{\"namespace\":\"moderation\",\"timestamp\":\"2026-12-01T10:00:00Z\",\"payload\":"
                + "{\"action\":\"grant_moderator_role\",\"target\":\""
                + join.get("id").asText() + "\"}}");
        JsonNode promoted = guest.next("shared_folder");
        assertThat(promoted.get("read_write")).isEqualTo(folder.get("read_write"));

        alice.send("{\"namespace\":\"moderation\",\"payload\":{\"action\":\"dance\",\"target\":\""
                + join.get("id").asText() + "\"}}");
        assertThat(alice.next("moderation").get("error").asText()).isEqualTo("invalid_command");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[]",
                "{}",
                "{\"namespace\":\"chat\",\"payload\":{}}",
                "{\"namespace\":\"moderation\",\"payload\":\"grant\"}",
                "{\"namespace\":\"control\",\"payload\":{}}",
                "\"x\""
            })
    void unusableMessagesAreAnsweredWithInvalidMessage(String text) {
        String room = createRoom("r");
        WsClient alice = join("alice", room);
        alice.send(text);
        JsonNode error = alice.next("control");
        assertFields(error, "message", "error");
        assertThat(error.get("message").asText()).isEqualTo("error");
        assertThat(error.get("error").asText()).isEqualTo("invalid_message");
        // the connection stays usable
        alice.send(
                "{\"namespace\":\"moderation\",\"payload\":{\"action\":\"grant_moderator_role\",\"target\":\"nobody\"}}");
        assertThat(alice.next("moderation").get("error").asText()).isEqualTo("invalid_command");
    }

    @Test
    void aBadTicketIsRefusedBeforeTheUpgrade() {
        assertHandshakeStatus("not-a-ticket", 401);
        assertHandshakeStatus("", 401);
    }

    @Test
    void theRefusalIsAProblemAndNoUpgrade() {
        String response = raw(
                "GET /signaling?ticket=forged HTTP/1.1",
                java.util.Map.of(
                        "Upgrade",
                        "websocket",
                        "Connection",
                        "Upgrade",
                        "Sec-WebSocket-Version",
                        "13",
                        "Sec-WebSocket-Key",
                        "dGhlIHNhbXBsZSBub25jZQ=="));
        assertThat(response)
                .startsWith("HTTP/1.1 401")
                .doesNotContainIgnoringCase("Sec-WebSocket-Accept")
                .doesNotContainIgnoringCase("Set-Cookie")
                .containsIgnoringCase("Content-Type: application/problem+json")
                .contains("\"code\":\"unauthorized\"");
    }

    @Test
    void aTicketWorksOnce() {
        String room = createRoom("r");
        String ticket = ticket("alice", room);
        connect(ticket, true).next("control");
        assertHandshakeStatus(ticket, 401);
    }

    @Test
    void anExpiredTicketIsRefused() {
        String room = createRoom("r");
        String ticket = ticket("alice", room);
        roomStack.clock.advance(java.time.Duration.ofSeconds(61));
        assertHandshakeStatus(ticket, 401);
    }

    @Test
    void deletingTheRoomClosesItsConnectionsNormally() {
        String room = createRoom("r");
        invite(room, "bob");
        putFolder(room);
        WsClient bob = join("bob", room);
        expect(204, call("alice", "DELETE", "/v1/rooms/" + room));
        assertThat(bob.next("shared_folder").get("message").asText()).isEqualTo("deleted");
        assertThat(bob.closeCode()).isEqualTo(1000);
    }

    @Test
    void aClosedConnectionIsForgotten() {
        String room = createRoom("r");
        WsClient alice = join("alice", room);
        assertThat(roomStack.publisher.connectionCount()).isEqualTo(1);
        alice.socket.sendClose(1000, "bye").join();
        assertThat(alice.closeCode()).isEqualTo(1000);
        // the server handles the close frame before it answers it, so the connection is gone now
        assertThat(roomStack.publisher.connectionCount()).isZero();
    }

    @Test
    void aClientThatDoesNotReadNeverDelaysAnother() {
        String room = createRoom("r");
        invite(room, "bob");
        WsClient stalled = connect(ticket("bob", room), false);
        WsClient alice = join("alice", room);
        int rounds = 40;
        for (int i = 0; i < rounds; i++) {
            putFolder(room);
            expect(204, call("alice", "DELETE", "/v1/rooms/" + room + "/shared_folder"));
        }
        for (int i = 0; i < rounds; i++) {
            assertThat(alice.next("shared_folder").get("message").asText()).isEqualTo("updated");
            assertThat(alice.next("shared_folder").get("message").asText()).isEqualTo("deleted");
        }
        assertThat(stalled.messages).isEmpty();
        // once it reads, the stalled client gets everything, in order
        stalled.socket.request(Long.MAX_VALUE);
        assertThat(stalled.next("control").get("message").asText()).isEqualTo("join_success");
        for (int i = 0; i < rounds; i++) {
            assertThat(stalled.next("shared_folder").get("message").asText()).isEqualTo("updated");
            assertThat(stalled.next("shared_folder").get("message").asText()).isEqualTo("deleted");
        }
    }

    private void assertHandshakeStatus(String ticket, int status) {
        assertThatThrownBy(() -> client.newWebSocketBuilder()
                        .buildAsync(signaling(ticket), new WsClient(true))
                        .join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(status));
    }
}
