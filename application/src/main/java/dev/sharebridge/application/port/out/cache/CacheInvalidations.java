package dev.sharebridge.application.port.out.cache;

/**
 * The channel over which a server instance tells every other instance on the same database that
 * something its caches keep has changed ("forget what you keep"): in one process an in-process
 * bus, on PostgreSQL {@code NOTIFY} on the connection that also carries the room events. So that a
 * link revoked, a password changed or a limit set on one instance takes effect on every instance
 * within the channel's latency, not after {@code [cache] shares_ms}.
 *
 * <p>What is said is coarse on purpose: a cache, not a key. Every change made through one
 * instance already ends everything that instance keeps, changes are rare next to the reads the
 * caches save, and a message without keys costs nothing to make and tells nothing about links.
 *
 * <p>A cache must keep nothing while the channel does not receive ({@link Listener#deaf}): a change
 * made elsewhere meanwhile would be heard by nobody. That bounds what a cache can answer that is
 * out of date by the channel's latency, whatever the channel does.
 */
public interface CacheInvalidations {

    /** Which kind of kept values a change may have made out of date. */
    enum Cache {
        /** Link rows kept by token. */
        SHARES,
        /** Metadata of stored items. */
        FILES
    }

    /**
     * Tells every other instance (and this process's other listeners) that values of {@code what}
     * may be out of date. Called after the change is stored; a failure is logged by the caller,
     * never undoes the change.
     */
    void publish(Cache what);

    /**
     * Adds a receiver, which is told at once whether the channel receives now ({@link
     * Listener#listening} or {@link Listener#deaf}) and then of every change of that.
     */
    void subscribe(Listener listener);

    /** Receives on the channel's own thread, one call at a time: it must not block. */
    interface Listener {

        /** Another instance changed something of {@code what}: forget everything of it. */
        void changed(Cache what);

        /** The channel does not receive (not yet, or it lost its connection): keep nothing. */
        void deaf();

        /**
         * The channel receives again; what was said while it did not is lost, so forget
         * everything first.
         */
        void listening();
    }
}
