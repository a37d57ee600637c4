package dev.sharebridge.application.port.out.signaling;

import dev.sharebridge.domain.room.ParticipantId;

/**
 * Delivers signaling messages to live participants: the WebSocket adapter in the server, or an
 * embedding application's own transport. Must not block: a slow receiver must never delay
 * others (queue or drop per connection).
 */
public interface SignalingPublisher {

    void send(ParticipantId to, SignalingMessage message);

    /** Asks the transport to close a participant's connection (e.g. the room was deleted). */
    default void disconnect(ParticipantId participant) {}
}
