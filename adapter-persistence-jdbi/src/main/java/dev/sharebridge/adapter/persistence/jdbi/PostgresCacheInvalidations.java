package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.cache.CacheInvalidations;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CacheInvalidations} on PostgreSQL's {@code NOTIFY}. Publishing sends one notification
 * through the pool ({@code "<origin> <CACHE>"}, nothing about links); receiving is done by the
 * connection that listens for the room events ({@link PostgresRoomEvents}), so an instance keeps
 * one listening connection, not two, and the caches hear exactly when that connection is up.
 * Notifications this process sent itself are skipped: the cache that made the change has
 * forgotten what it kept already.
 */
final class PostgresCacheInvalidations implements CacheInvalidations {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCacheInvalidations.class);

    private final Jdbi jdbi;
    private final String channel;
    /** Random per process start, so that this process knows its own notifications. */
    private final String origin;

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private boolean listening;

    PostgresCacheInvalidations(Jdbi jdbi, String channel, SecureRandom random) {
        this.jdbi = jdbi;
        this.channel = channel;
        byte[] id = new byte[8];
        random.nextBytes(id);
        this.origin = HexFormat.of().formatHex(id);
    }

    String channel() {
        return channel;
    }

    @Override
    public void publish(Cache what) {
        jdbi.useHandle(h -> h.createQuery("SELECT 1 FROM (SELECT pg_notify(:channel, :payload)) AS sent")
                .bind("channel", channel)
                .bind("payload", origin + " " + what.name())
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public synchronized void subscribe(Listener listener) {
        listeners.add(listener);
        if (listening) {
            listener.listening();
        } else {
            listener.deaf();
        }
    }

    /** The listening connection listens (again): what came before is unknown. */
    synchronized void listening() {
        listening = true;
        listeners.forEach(l -> quietly(l::listening));
    }

    /** The listening connection is gone: nothing may be kept until {@link #listening()}. */
    synchronized void deaf() {
        if (!listening) {
            return;
        }
        listening = false;
        listeners.forEach(l -> quietly(l::deaf));
    }

    /** A notification on {@link #channel()}. */
    void received(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0 || payload.substring(0, space).equals(origin)) {
            return;
        }
        Cache what;
        try {
            what = Cache.valueOf(payload.substring(space + 1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // a newer version's cache this one does not have: nothing of it is kept here
            return;
        }
        listeners.forEach(l -> quietly(() -> l.changed(what)));
    }

    private static void quietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("cache invalidations: a listener failed", e);
        }
    }
}
