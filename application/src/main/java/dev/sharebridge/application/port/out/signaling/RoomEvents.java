package dev.sharebridge.application.port.out.signaling;

/**
 * The channel over which room events reach every server instance on one database, this one
 * included: in one process an in-process bus, on PostgreSQL {@code LISTEN/NOTIFY}. Each instance
 * hands an event to its own participants only.
 *
 * <p>Events of one room arrive in the order in which they were published, numbered 1, 2, 3, …
 * per room; every instance sees the same numbers. A receiver that sees a number skipped has
 * missed events; {@link Listener#missed} says when the channel itself may have lost some (it had
 * to reconnect).
 */
public interface RoomEvents {

    /**
     * Sends the event to every instance. Called after the change it reports is stored; a failure
     * to publish is logged by the caller, never undoes the change.
     */
    void publish(RoomEvent event);

    /** Adds a receiver for the events of every room. */
    void subscribe(Listener listener);

    /** Receives events on the channel's own thread, one at a time: it must not block for long. */
    interface Listener {

        /** @param seq the event's number in its room */
        void onEvent(long seq, RoomEvent event);

        /** Events may have been missed (e.g. the channel reconnected): bring everyone up to date. */
        void missed();
    }
}
