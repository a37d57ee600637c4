package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bound on one client's requests in progress counts requests, not connections that outlive
 * them: a kept-alive connection between requests and an open signaling WebSocket hold no place.
 */
class ClientLimitsTest extends RoomTestSupport {
    private static final int BOUND = 3;

    @Override
    ClientLimits clientLimits() {
        return new ClientLimits(Duration.ofSeconds(30), Duration.ofSeconds(20), 500, BOUND, 0);
    }

    @Test
    void openWebSocketsAndFinishedRequestsHoldNoPlace() {
        String room = createRoom("r");
        List<WsClient> sockets = new ArrayList<>();
        for (int i = 0; i < BOUND + 2; i++) {
            sockets.add(join("alice", room));
        }
        for (int i = 0; i < BOUND * 3; i++) {
            assertThat(get("/v1/rooms/" + room).statusCode()).isEqualTo(200);
        }
        assertThat(roomStack.publisher.connectionCount()).isEqualTo(BOUND + 2);
    }
}
