package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.SharePermissions;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@code 405} names the methods its path supports in {@code Allow} (issue 13, item 17;
 * RFC 9110 §15.5.6), HEAD included wherever GET is.
 */
class MethodNotAllowedTest extends RoomTestSupport {
    private String token;
    private String shareId;
    private int port;

    @BeforeEach
    void seed() throws Exception {
        port = URI.create(base).getPort();
        putFile("pub/a.txt", "a");
        token = shares.add(ALICE, ItemPath.parse("pub"), Optional.empty(), SharePermissions.DEFAULT, Optional.empty())
                .token()
                .value();
        shareId = shares.shares.keySet().iterator().next().toString();
    }

    private static Set<String> methods(String... names) {
        return new TreeSet<>(Arrays.asList(names));
    }

    @Test
    void every405NamesTheMethodsOfItsPath() {
        Map<String, Set<String>> cases = new LinkedHashMap<>();
        cases.put("PATCH /api/shares", methods("GET", "HEAD", "POST"));
        cases.put("OPTIONS /api/shares/" + shareId, methods("DELETE", "GET", "HEAD", "PUT"));
        cases.put("TRACE /api/files/pub/a.txt", methods("DELETE", "GET", "HEAD", "PUT"));
        cases.put("FOO /api/folders", methods("GET", "HEAD"));
        cases.put("DELETE /api/s/" + token, methods("GET", "HEAD"));
        cases.put("PUT /api/s/" + token + "/verify", methods("POST"));
        cases.put("GET /api/s/" + token + "/upload/x.txt", methods("PUT"));
        cases.put("HEAD /api/s/" + token + "/upload/x.txt", methods("PUT"));
        cases.put("POST /api/s/" + token + "/zip", methods("GET", "HEAD"));
        cases.put("POST /s/" + token, methods("GET", "HEAD"));
        cases.put("DELETE /health", methods("GET", "HEAD"));
        cases.put("PUT /v1/rooms", methods("GET", "HEAD", "POST"));
        List<String> wrong = new ArrayList<>();
        cases.forEach((request, allowed) -> {
            RawHttp.Answer a = RawHttp.send(
                    port, request + " HTTP/1.1", Map.of("Authorization", "Bearer " + TOKEN, "Content-Length", "0"));
            Set<String> allow = a.all("Allow").stream()
                    .flatMap(v -> Arrays.stream(v.split(",")))
                    .map(String::strip)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (a.status() != 405 || !allow.equals(allowed)) {
                wrong.add(request + ": " + a.status() + " Allow " + a.all("Allow"));
            }
            if (!request.startsWith("HEAD") && !a.body().contains("\"code\":\"method_not_allowed\"")) {
                wrong.add(request + ": " + a.body());
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void aSignalingUpgradeWithAnotherMethodIs405AndLeavesTheTicketUnused() {
        String room = createRoom("r");
        String ticket = ticket("alice", room);
        Map<String, String> upgrade = Map.of(
                "Upgrade",
                "websocket",
                "Connection",
                "Upgrade",
                "Sec-WebSocket-Version",
                "13",
                "Sec-WebSocket-Key",
                "dGhlIHNhbXBsZSBub25jZQ==",
                "Content-Length",
                "0");

        for (String method : List.of("POST", "HEAD", "PUT")) {
            RawHttp.Answer a = RawHttp.send(port, method + " /signaling?ticket=" + ticket + " HTTP/1.1", upgrade);
            assertThat(a.status()).as(method + ": " + a.text()).isEqualTo(405);
            assertThat(a.all("Allow")).as(method).containsExactly("GET");
            assertThat(a.header("Sec-WebSocket-Accept")).isEmpty();
        }
        // the ticket was not used up by the refused attempts
        WsClient alice = connect(ticket, true);
        assertThat(alice.next("control").get("message").asText()).isEqualTo("join_success");
    }
}
