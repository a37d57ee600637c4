package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.cache.CacheInvalidations;
import dev.sharebridge.application.port.out.cache.CacheInvalidations.Cache;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cache invalidations on PostgreSQL: two pools on one schema are two server instances. What
 * one publishes reaches the other and not itself; the caches are deaf until the room events'
 * connection listens, and deaf again, then listening, when that connection is lost and reopened.
 */
class PostgresCacheInvalidationsTest {
    /** A guard against a hang, never a measure of speed. */
    private static final long WAIT_SECONDS = 30;

    private static PostgresSchema schema;
    private static JdbiPersistence a;
    private static JdbiPersistence b;
    private static final Recorder onA = new Recorder();
    private static final Recorder onB = new Recorder();

    /** What a listener was told, in order: a cache's name, "deaf" or "listening". */
    static final class Recorder implements CacheInvalidations.Listener {
        final BlockingQueue<String> told = new LinkedBlockingQueue<>();

        @Override
        public void changed(Cache what) {
            told.add(what.name());
        }

        @Override
        public void deaf() {
            told.add("deaf");
        }

        @Override
        public void listening() {
            told.add("listening");
        }

        String next() throws InterruptedException {
            String next = told.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(next).as("told something within %d s", WAIT_SECONDS).isNotNull();
            return next;
        }
    }

    @BeforeAll
    static void open() throws Exception {
        schema = PostgresSchema.create();
        a = schema.open();
        b = schema.open();
        a.cacheInvalidations().subscribe(onA);
        b.cacheInvalidations().subscribe(onB);
        assertThat(onA.next()).as("deaf before listening").isEqualTo("deaf");
        assertThat(onB.next()).isEqualTo("deaf");
        a.listenForRoomEvents();
        b.listenForRoomEvents();
        assertThat(onA.next()).isEqualTo("listening");
        assertThat(onB.next()).isEqualTo("listening");
    }

    @AfterAll
    static void close() throws SQLException {
        for (JdbiPersistence db : new JdbiPersistence[] {a, b}) {
            if (db != null) {
                db.close();
            }
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void aChangeReachesTheOtherInstanceAndNotItself() throws Exception {
        a.cacheInvalidations().publish(Cache.SHARES);
        assertThat(onB.next()).isEqualTo("SHARES");
        b.cacheInvalidations().publish(Cache.FILES);
        // notifications arrive in commit order: had A heard its own, it would come first
        assertThat(onA.next()).isEqualTo("FILES");
        assertThat(onA.told).isEmpty();
        assertThat(onB.told).isEmpty();
    }

    @Test
    void aLostConnectionMakesTheCachesDeafUntilItListensAgain() throws Exception {
        PostgresRoomEvents channel = (PostgresRoomEvents) b.roomEvents();
        terminate(channel.backendPid());
        assertThat(onB.next()).isEqualTo("deaf");
        assertThat(onB.next()).isEqualTo("listening");
        a.cacheInvalidations().publish(Cache.SHARES);
        assertThat(onB.next()).isEqualTo("SHARES");
    }

    private static void terminate(int pid) throws SQLException {
        assertThat(pid).isPositive();
        try (Connection c = DriverManager.getConnection(
                        PostgresSchema.SERVER_URL, PostgresSchema.USER, PostgresSchema.PASSWORD);
                PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            s.setInt(1, pid);
            s.execute();
        }
    }
}
