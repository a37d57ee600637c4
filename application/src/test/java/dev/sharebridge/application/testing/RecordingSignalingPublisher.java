package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.signaling.SignalingMessage;
import dev.sharebridge.application.port.out.signaling.SignalingPublisher;
import dev.sharebridge.domain.room.ParticipantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SignalingPublisher} that records what each participant was sent. */
public final class RecordingSignalingPublisher implements SignalingPublisher {
    public record Sent(ParticipantId to, SignalingMessage message) {}

    private final List<Sent> sent = new ArrayList<>();
    private final Set<ParticipantId> disconnected = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized void send(ParticipantId to, SignalingMessage message) {
        sent.add(new Sent(to, message));
    }

    @Override
    public void disconnect(ParticipantId participant) {
        disconnected.add(participant);
    }

    public synchronized List<SignalingMessage> to(ParticipantId p) {
        return sent.stream().filter(s -> s.to().equals(p)).map(Sent::message).toList();
    }

    public synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    public synchronized void clear() {
        sent.clear();
    }

    public boolean wasDisconnected(ParticipantId p) {
        return disconnected.contains(p);
    }
}
