package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One participant's signaling WebSocket on java.net.http, every message kept in order. */
final class SignalingClient implements WebSocket.Listener, AutoCloseable {
    /** A guard against a hang, never a measure of speed. */
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    /** The participant id from {@code join_success}. */
    String id;

    /** Opens {@code /signaling?ticket=} on {@code base} (http://host:port) and reads {@code join_success}. */
    static SignalingClient join(String base, String ticket) {
        SignalingClient client = new SignalingClient();
        client.socket = CLIENT.newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(URI.create(base.replace("http://", "ws://") + "/signaling?ticket=" + ticket), client)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        JsonNode join = client.next("control");
        assertThat(join.path("message").asText()).as(join.toString()).isEqualTo("join_success");
        client.id = join.path("id").asText();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(Http.JSON.readTree(partial.toString()));
            } catch (IOException e) {
                closed.completeExceptionally(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** The next message's payload, after checking its namespace. */
    JsonNode next(String namespace) {
        try {
            JsonNode m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(m).as("a message within %s", WAIT).isNotNull();
            assertThat(m.path("namespace").asText()).as(m.toString()).isEqualTo(namespace);
            return m.get("payload");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void moderation(String action, String target) {
        try {
            String text = Http.JSON.writeValueAsString(Map.of("namespace", "moderation",
                    "payload", Map.of("action", action, "target", target)));
            socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int closeCode() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no close within " + WAIT, e);
        }
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
