package dev.sharebridge.adapter.http.javalin.signaling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sharebridge.adapter.http.javalin.internal.Json;
import dev.sharebridge.adapter.http.javalin.internal.SharedFolderJson;
import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.application.port.out.signaling.SignalingMessage;
import dev.sharebridge.application.port.out.signaling.SignalingPublisher;
import dev.sharebridge.domain.room.ParticipantId;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers signaling messages to the participants' WebSocket connections as
 * {@code {namespace, timestamp, payload}} (docs/reference.md §8, docs/signaling.md). It exists on its own,
 * before the services that publish through it, because the composition root hands it to the
 * meeting service and then to {@code HttpApiDependencies}. Sending never blocks: each connection
 * has its own bounded queue, and one that overflows is closed with 1008.
 */
public final class WebSocketSignalingPublisher implements SignalingPublisher {
    /** How many unsent messages one connection may have before it is closed. */
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 256;

    private final Clock clock;
    private final int maxQueuedMessages;
    private final Json json = new Json(64 * 1024);
    private final Map<ParticipantId, OutgoingQueue> connections = new ConcurrentHashMap<>();

    public WebSocketSignalingPublisher() {
        this(Clock.systemUTC(), DEFAULT_MAX_QUEUED_MESSAGES);
    }

    /**
     * @param clock the source of the messages' {@code timestamp}
     * @param maxQueuedMessages unsent messages per connection before it is closed with 1008
     */
    public WebSocketSignalingPublisher(Clock clock, int maxQueuedMessages) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxQueuedMessages < 1) {
            throw new IllegalArgumentException("maxQueuedMessages must be at least 1");
        }
        this.maxQueuedMessages = maxQueuedMessages;
    }

    @Override
    public void send(ParticipantId to, SignalingMessage message) {
        OutgoingQueue queue = connections.get(to);
        if (queue != null) {
            queue.offer(envelope(message.namespace(), payload(message)));
        }
    }

    /** Closes the participant's connection with 1000 once the messages already queued are sent. */
    @Override
    public void disconnect(ParticipantId participant) {
        OutgoingQueue queue = connections.remove(participant);
        if (queue != null) {
            queue.closeAfterQueued(OutgoingQueue.NORMAL, "the meeting has ended");
        }
    }

    /** How many participants have an open connection here. */
    public int connectionCount() {
        return connections.size();
    }

    void register(ParticipantId participant, Outlet outlet) {
        OutgoingQueue queue = new OutgoingQueue(outlet, maxQueuedMessages, () -> connections.remove(participant));
        OutgoingQueue previous = connections.put(participant, queue);
        if (previous != null) {
            // a participant id belongs to one redeemed ticket, so this is not expected; never keep two
            previous.abandon();
        }
    }

    void unregister(ParticipantId participant) {
        OutgoingQueue queue = connections.remove(participant);
        if (queue != null) {
            queue.abandon();
        }
    }

    /** Answers a client frame the server cannot use: {@code control} / {@code error}. */
    void sendControlError(ParticipantId to, String error) {
        OutgoingQueue queue = connections.get(to);
        if (queue != null) {
            ObjectNode payload =
                    json.mapper().createObjectNode().put("message", "error").put("error", error);
            queue.offer(envelope("control", payload));
        }
    }

    private String envelope(String namespace, ObjectNode payload) {
        ObjectNode root = json.mapper().createObjectNode();
        root.put("namespace", namespace);
        root.put("timestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        root.set("payload", payload);
        return root.toString();
    }

    ObjectNode payload(SignalingMessage message) {
        ObjectNode p = json.mapper().createObjectNode();
        if (message instanceof SignalingMessage.JoinSuccess join) {
            p.put("message", "join_success");
            p.put("id", join.id().value());
            p.put("role", join.role().wireName());
            join.sharedFolder().ifPresent(view -> p.set("shared_folder", folder(view)));
        } else if (message instanceof SignalingMessage.SharedFolderUpdated updated) {
            p.put("message", "updated");
            p.setAll(folder(updated.sharedFolder()));
        } else if (message instanceof SignalingMessage.SharedFolderDeleted) {
            p.put("message", "deleted");
        } else if (message instanceof SignalingMessage.ModerationError error) {
            p.put("message", "error");
            p.put("error", error.error());
        } else {
            throw new IllegalArgumentException(
                    "unknown signaling message " + message.getClass().getName());
        }
        return p;
    }

    private ObjectNode folder(SharedFolderView view) {
        return json.mapper().valueToTree(SharedFolderJson.from(view));
    }
}
