package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.signaling.RoomEvent;
import dev.sharebridge.application.port.out.signaling.RoomEvents;
import dev.sharebridge.domain.room.ParticipantId;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The room-event channel on PostgreSQL: two pools on one schema are two server instances; every
 * event reaches both, numbered per room, in the same order; another schema hears nothing; a lost
 * listening connection comes back and says so.
 */
class PostgresRoomEventsTest {
    /** A guard against a hang, never a measure of speed. */
    private static final long WAIT_SECONDS = 30;

    private static PostgresSchema schema;
    private static PostgresSchema otherSchema;
    private static JdbiPersistence a;
    private static JdbiPersistence b;
    private static JdbiPersistence elsewhere;
    private static final Recorder onA = new Recorder();
    private static final Recorder onB = new Recorder();
    private static final Recorder onElsewhere = new Recorder();

    record Received(long seq, RoomEvent event) {}

    /** Keeps what a listener received, in order. */
    static final class Recorder implements RoomEvents.Listener {
        final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
        volatile CountDownLatch missed = new CountDownLatch(1);

        @Override
        public void onEvent(long seq, RoomEvent event) {
            events.add(new Received(seq, event));
        }

        @Override
        public void missed() {
            missed.countDown();
        }

        Received next() throws InterruptedException {
            Received r = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(r).as("an event within %d s", WAIT_SECONDS).isNotNull();
            return r;
        }

        List<Received> next(int n) throws InterruptedException {
            List<Received> got = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                got.add(next());
            }
            return got;
        }
    }

    @BeforeAll
    static void open() throws SQLException {
        schema = PostgresSchema.create();
        otherSchema = PostgresSchema.create();
        a = schema.open();
        b = schema.open();
        elsewhere = otherSchema.open();
        a.roomEvents().subscribe(onA);
        b.roomEvents().subscribe(onB);
        elsewhere.roomEvents().subscribe(onElsewhere);
        a.listenForRoomEvents();
        b.listenForRoomEvents();
        elsewhere.listenForRoomEvents();
    }

    @AfterAll
    static void close() throws SQLException {
        for (JdbiPersistence db : new JdbiPersistence[] {a, b, elsewhere}) {
            if (db != null) {
                db.close();
            }
        }
        for (PostgresSchema s : new PostgresSchema[] {schema, otherSchema}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static RoomId room() {
        return RoomId.random();
    }

    @Test
    void everyInstanceReceivesEveryEventOfARoomNumberedInOneOrder() throws Exception {
        drain();
        RoomId room = room();
        RoomId other = room();
        int perPublisher = 40;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> publishing = new ArrayList<>();
            for (JdbiPersistence publisher : List.of(a, b)) {
                publishing.add(pool.submit(() -> {
                    for (int i = 0; i < perPublisher; i++) {
                        publisher.roomEvents().publish(new RoomEvent.FolderCreated(room));
                    }
                }));
                publishing.add(pool.submit(() -> {
                    for (int i = 0; i < perPublisher; i++) {
                        publisher.roomEvents().publish(new RoomEvent.RoleChanged(other, UserId.of("bob")));
                    }
                }));
            }
            for (Future<?> f : publishing) {
                f.get(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = 4 * perPublisher;
        List<Received> seenByA = onA.next(total);
        List<Received> seenByB = onB.next(total);

        assertThat(seenByB).isEqualTo(seenByA);
        for (RoomId r : List.of(room, other)) {
            assertThat(seenByA.stream()
                            .filter(e -> e.event().room().equals(r))
                            .map(Received::seq)
                            .toList())
                    .as("numbers of room %s", r)
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 2L * perPublisher)
                            .boxed()
                            .toList());
        }
    }

    @Test
    void eachKindOfEventArrivesAsSent() throws Exception {
        drain();
        RoomId room = room();
        List<RoomEvent> sent = List.of(
                new RoomEvent.FolderCreated(room),
                new RoomEvent.RoleChanged(room, UserId.of("bob.smith-2")),
                new RoomEvent.GuestRoleChanged(room, new ParticipantId("aZ-_09xy"), true),
                new RoomEvent.GuestRoleChanged(room, new ParticipantId("aZ-_09xy"), false),
                new RoomEvent.FolderDeleted(room),
                new RoomEvent.RoomDeleted(room),
                // numbers start again for a room whose deletion was published
                new RoomEvent.FolderDeleted(room));
        sent.forEach(a.roomEvents()::publish);

        assertThat(onB.next(sent.size()))
                .containsExactly(
                        new Received(1, sent.get(0)),
                        new Received(2, sent.get(1)),
                        new Received(3, sent.get(2)),
                        new Received(4, sent.get(3)),
                        new Received(5, sent.get(4)),
                        new Received(6, sent.get(5)),
                        new Received(1, sent.get(6)));
    }

    @Test
    void anotherSchemaOnTheSameDatabaseHearsNothing() throws Exception {
        drain();
        RoomEvent onThisSchema = new RoomEvent.FolderCreated(room());
        a.roomEvents().publish(onThisSchema);
        RoomId marker = room();
        elsewhere.roomEvents().publish(new RoomEvent.FolderCreated(marker));

        assertThat(onElsewhere.next()).isEqualTo(new Received(1, new RoomEvent.FolderCreated(marker)));
        // both instances on this schema got theirs (and nothing is left over for the next test)
        assertThat(onA.next()).isEqualTo(new Received(1, onThisSchema));
        assertThat(onB.next()).isEqualTo(new Received(1, onThisSchema));
        assertThat(((PostgresRoomEvents) a.roomEvents()).channel())
                .isNotEqualTo(((PostgresRoomEvents) elsewhere.roomEvents()).channel());
    }

    @Test
    void aLostListeningConnectionIsReopenedAndReportsThatEventsMayBeMissed() throws Exception {
        drain();
        PostgresRoomEvents channel = (PostgresRoomEvents) b.roomEvents();
        onB.missed = new CountDownLatch(1);
        long before = channel.reconnects();
        terminate(channel.backendPid());

        assertThat(onB.missed.await(WAIT_SECONDS, TimeUnit.SECONDS))
                .as("missed() after reconnecting")
                .isTrue();
        assertThat(channel.reconnects()).isEqualTo(before + 1);
        RoomId room = room();
        a.roomEvents().publish(new RoomEvent.FolderCreated(room));
        assertThat(onB.next()).isEqualTo(new Received(1, new RoomEvent.FolderCreated(room)));
    }

    /**
     * Empties the recorders once what earlier tests published has arrived (a test may leave
     * events still on their way to a listener it does not read): a marker of a room of its own on
     * each channel, read up to by every listener of the channel, as events arrive in order.
     */
    private static void drain() throws InterruptedException {
        RoomId here = room();
        RoomId there = room();
        a.roomEvents().publish(new RoomEvent.FolderCreated(here));
        elsewhere.roomEvents().publish(new RoomEvent.FolderCreated(there));
        skipTo(onA, here);
        skipTo(onB, here);
        skipTo(onElsewhere, there);
        onA.events.clear();
        onB.events.clear();
        onElsewhere.events.clear();
    }

    private static void skipTo(Recorder recorder, RoomId marker) throws InterruptedException {
        while (!recorder.next().event().room().equals(marker)) {
            // an event an earlier test left on its way
        }
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
