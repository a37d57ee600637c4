package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * A signaling participant on java.net.http's WebSocket, every message kept in order. A reading
 * client asks for every message; a stalled one never asks, so the server's frames pile up in the
 * socket buffers. Published in this module's test jar: the end-to-end tests of bootstrap join
 * real servers with it.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    /** A guard against a hang, never a measure of speed. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final boolean reads;
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;
    /** The participant id from {@code join_success}, once {@link #awaitJoin} has read it. */
    private String id;

    WsClient(boolean reads) {
        this.reads = reads;
    }

    /**
     * A reading participant on the server at {@code base} (http://host:port): opens
     * {@code /signaling?ticket=} and reads {@code join_success}.
     */
    public static WsClient join(String base, String ticket) {
        WsClient client = new WsClient(true);
        CLIENT.newWebSocketBuilder()
                .connectTimeout(WAIT)
                .buildAsync(URI.create(base.replace("http://", "ws://") + "/signaling?ticket=" + ticket), client)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
        client.awaitJoin();
        return client;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        if (reads) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(MAPPER.readTree(partial.toString()));
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

    /** Reads the first message, which must be {@code join_success}, and keeps the participant id. */
    WsClient awaitJoin() {
        JsonNode join = next("control");
        assertThat(join.path("message").asText()).as(join.toString()).isEqualTo("join_success");
        id = join.path("id").asText();
        return this;
    }

    /** The participant id the server gave in {@code join_success}. */
    public String id() {
        return id;
    }

    /** The next message's payload, after checking the envelope and its namespace. */
    public JsonNode next(String namespace) {
        JsonNode m = nextEnvelope();
        assertThat(m.path("namespace").asText()).as(m.toString()).isEqualTo(namespace);
        return m.get("payload");
    }

    JsonNode nextEnvelope() {
        try {
            JsonNode m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(m).as("a message within %s", WAIT).isNotNull();
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public void send(String text) {
        socket.sendText(text, true)
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
    }

    /** Sends a moderation command ({@code grant_moderator_role}, …) about participant {@code target}. */
    public void moderation(String action, String target) {
        try {
            send(MAPPER.writeValueAsString(
                    Map.of("namespace", "moderation", "payload", Map.of("action", action, "target", target))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public int closeCode() {
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
