package dev.sharebridge.application.cache;

import dev.sharebridge.application.port.out.cache.CacheInvalidations;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link CacheInvalidations} within one process (the embedded H2 database, tests, embedders): it
 * always receives, and hands every change to every listener at once, on the publisher's thread,
 * the publisher's own among them (which has forgotten what it kept already; once more costs
 * nothing). Other processes on the same database file (the CLI) are not told: their changes are
 * seen after at most the caches' staleness, as before.
 */
public final class InProcessCacheInvalidations implements CacheInvalidations {
    private static final Logger LOG = Logger.getLogger(InProcessCacheInvalidations.class.getName());

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Cache what) {
        for (Listener listener : listeners) {
            try {
                listener.changed(what);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a cache invalidation listener failed", e);
            }
        }
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
        listener.listening();
    }
}
