package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.signaling.RoomEvent;
import dev.sharebridge.application.port.out.signaling.RoomEvents;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RoomEvents} on PostgreSQL's {@code LISTEN/NOTIFY}, which reaches every process connected
 * to the database, this one included. Publishing numbers the event in its room
 * ({@code room_event_seqs}) and sends the notification in one transaction: the row lock orders
 * publishers, PostgreSQL delivers notifications in commit order, so every listener sees the
 * events of a room in the order of their numbers. Receiving uses one connection of its own,
 * outside the pool, on one thread that hands each event to the listeners; when that connection
 * fails it reconnects with a growing pause (0.1 s to 5 s) and then tells the listeners that
 * events may have been missed.
 *
 * <p>The same connection receives the cache invalidations ({@link PostgresCacheInvalidations}) on
 * a channel of their own, so that an instance holds one listening connection: the caches are told
 * when it listens and when it is lost, and keep nothing in between.
 */
final class PostgresRoomEvents implements RoomEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRoomEvents.class);
    /** How long one wait for notifications lasts; also how soon a close is noticed. */
    private static final int POLL_MILLIS = 500;
    /** A quiet connection is checked this often, so a dead one is noticed without a notification. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(10);

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration START_WAIT = Duration.ofSeconds(10);

    private final Jdbi jdbi;
    private final String url;
    private final Properties credentials;
    private final String channel;
    private final PostgresCacheInvalidations caches;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private final AtomicLong reconnects = new AtomicLong();
    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private volatile @Nullable Connection connection;
    private volatile int backendPid;

    /** @param caches told of the notifications on its channel and of the connection's state */
    PostgresRoomEvents(
            Jdbi jdbi, String url, Properties credentials, String channel, PostgresCacheInvalidations caches) {
        this.jdbi = jdbi;
        this.url = url;
        this.credentials = credentials;
        this.channel = channel;
        this.caches = caches;
    }

    String channel() {
        return channel;
    }

    /** The server process of the listening connection (tests end it to force a reconnect). */
    int backendPid() {
        return backendPid;
    }

    /** How often the receiving connection was opened again after a failure. */
    long reconnects() {
        return reconnects.get();
    }

    @Override
    public void publish(RoomEvent event) {
        String room = event.room().toString();
        jdbi.useTransaction(h -> {
            long seq = h.createQuery("""
                    INSERT INTO room_event_seqs (room_id, seq) VALUES (:room, 1)
                    ON CONFLICT (room_id) DO UPDATE SET seq = room_event_seqs.seq + 1
                    RETURNING seq
                    """).bind("room", room).mapTo(Long.class).one();
            if (event instanceof RoomEvent.RoomDeleted) {
                h.createUpdate("DELETE FROM room_event_seqs WHERE room_id = :room")
                        .bind("room", room)
                        .execute();
            }
            h.createQuery("SELECT 1 FROM (SELECT pg_notify(:channel, :payload)) AS sent")
                    .bind("channel", channel)
                    .bind("payload", RoomEventCodec.encode(seq, event))
                    .mapTo(Integer.class)
                    .one();
        });
    }

    @Override
    public void subscribe(Listener listener) {
        listeners.add(listener);
    }

    /** Starts receiving; waits (a few seconds at most) until the channel listens. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = new Thread(this::receive, "room-events-listener");
        t.setDaemon(true);
        thread = t;
        t.start();
        try {
            if (!listening.await(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "room events: not listening yet after {} s; events of other instances arrive once it does",
                        START_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receive() {
        Duration backoff = FIRST_BACKOFF;
        boolean first = true;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, credentials)) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                    s.execute("LISTEN " + caches.channel());
                    try (var rs = s.executeQuery("SELECT pg_backend_pid()")) {
                        backendPid = rs.next() ? rs.getInt(1) : 0;
                    }
                }
                if (!first) {
                    reconnects.incrementAndGet();
                    LOG.info("room events: listening again after a lost connection");
                    listeners.forEach(PostgresRoomEvents::missedQuietly);
                }
                first = false;
                caches.listening();
                listening.countDown();
                backoff = FIRST_BACKOFF;
                poll(c);
            } catch (SQLException | RuntimeException e) {
                caches.deaf();
                if (!running) {
                    break;
                }
                LOG.warn(
                        "room events: the listening connection failed ({}); reconnecting in {} ms",
                        e.getClass().getSimpleName(),
                        backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    private void poll(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (running) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification n : notifications) {
                    if (n.getName().equals(caches.channel())) {
                        caches.received(n.getParameter());
                    } else {
                        deliver(n.getParameter());
                    }
                }
                lastCheck = System.nanoTime();
            } else if (System.nanoTime() - lastCheck > CHECK_EVERY.toNanos()) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
        }
    }

    private void deliver(String payload) {
        Optional<RoomEventCodec.Numbered> decoded = RoomEventCodec.decode(payload);
        if (decoded.isEmpty()) {
            LOG.warn("room events: ignored a notification this version does not read");
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.onEvent(decoded.get().seq(), decoded.get().event());
            } catch (RuntimeException e) {
                LOG.warn("room events: a listener failed on an event", e);
            }
        }
    }

    private static void missedQuietly(Listener listener) {
        try {
            listener.missed();
        } catch (RuntimeException e) {
            LOG.warn("room events: a listener failed to catch up", e);
        }
    }

    /** Stops receiving and closes the listening connection. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t == null) {
            return;
        }
        caches.deaf();
        t.interrupt();
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("room events: closing the listening connection failed", e);
            }
        }
    }
}
