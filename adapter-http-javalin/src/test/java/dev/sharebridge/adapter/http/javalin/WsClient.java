package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A signaling participant on java.net.http's WebSocket. A reading client asks for every message;
 * a stalled one never asks, so the server's frames pile up in the socket buffers.
 */
final class WsClient implements WebSocket.Listener {
    /** A guard against a hang, never a measure of speed. */
    private static final long WAIT_SECONDS = 20;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final boolean reads;
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;

    WsClient(boolean reads) {
        this.reads = reads;
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

    /** The next message's payload, after checking the envelope and its namespace. */
    JsonNode next(String namespace) {
        JsonNode m = nextEnvelope();
        assertThat(m.get("namespace").asText()).as(m.toString()).isEqualTo(namespace);
        return m.get("payload");
    }

    JsonNode nextEnvelope() {
        try {
            JsonNode m = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(m).as("a message within " + WAIT_SECONDS + " s").isNotNull();
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    int closeCode() {
        try {
            return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
