package dev.sharebridge.application.service.signaling;

import dev.sharebridge.application.port.out.signaling.RoomEvent;
import dev.sharebridge.application.port.out.signaling.RoomEvents;
import dev.sharebridge.domain.room.RoomId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link RoomEvents} within one process (the embedded H2 database, tests, embedders): every event
 * is handed to every listener at once, on the publisher's thread, numbered per room. Publishing is
 * serialised, so events of a room are delivered in the order of their numbers. A listener must not
 * publish from {@code onEvent}, nor publish while holding a lock its {@code onEvent} takes.
 */
public final class InProcessRoomEvents implements RoomEvents {
    private static final Logger LOG = Logger.getLogger(InProcessRoomEvents.class.getName());

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<RoomId, Long> seqs = new HashMap<>();

    @Override
    public synchronized void publish(RoomEvent event) {
        long seq;
        if (event instanceof RoomEvent.RoomDeleted) {
            Long last = seqs.remove(event.room());
            seq = last == null ? 1 : last + 1;
        } else {
            seq = seqs.merge(event.room(), 1L, Long::sum);
        }
        for (Listener listener : listeners) {
            try {
                listener.onEvent(seq, event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a room event listener failed", e);
            }
        }
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }
}
