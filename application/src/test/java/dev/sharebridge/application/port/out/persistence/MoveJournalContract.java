package dev.sharebridge.application.port.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.persistence.MoveJournal.Move;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MoveJournal} must show. Extend it once per implementation (H2,
 * PostgreSQL, the in-memory fake) with an empty store before each test; links it rewrites must be
 * those of {@link #shares()}, and the instances' leases those of {@link #instances()}.
 */
public abstract class MoveJournalContract {
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07.891Z");
    private static final Duration LEASE = Duration.ofSeconds(8);
    private static final UserId ALICE = UserId.of("alice");
    private final SecureRandom random = new SecureRandom();
    private final InstanceId a = InstanceId.random(random);
    private final InstanceId b = InstanceId.random(random);
    private final InstanceId c = InstanceId.random(random);

    protected abstract void emptyStore() throws Exception;

    protected abstract MoveJournal journal();

    protected abstract ShareRepository shares();

    protected abstract ParticipantRegistry instances();

    @BeforeEach
    final void startEmpty() throws Exception {
        emptyStore();
        // a and b run; c never registered (or its row was removed)
        instances().join(a, T0, T0.plus(LEASE));
        instances().join(b, T0, T0.plus(LEASE));
    }

    private Share link(String path) {
        Share s = Share.create(
                ShareId.random(),
                ItemPath.parse(path),
                ItemType.FOLDER,
                Optional.empty(),
                ShareToken.generate(random),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                T0,
                ALICE,
                Optional.empty());
        shares().insert(s);
        return s;
    }

    private Move move(String from, String to, InstanceId by, Instant at) {
        Move m = Move.start(ALICE, ItemPath.parse(from), ItemPath.parse(to), by, at);
        journal().begin(m);
        return m;
    }

    private static List<String> ids(List<Move> moves) {
        return moves.stream().map(Move::id).toList();
    }

    @Test
    void aMoveOfALiveInstanceIsNoLeftoverUntilItsLeaseRunsOut() {
        Move m = move("/docs", "/archive/docs", a, T0);
        assertThat(journal().leftovers(b, T0.plusSeconds(1), 10)).isEmpty();
        assertThat(journal().leftovers(b, T0.plus(LEASE), 10)).containsExactly(m);
    }

    @Test
    void anInstanceNeverFindsItsOwnMovesAsLeftovers() {
        move("/docs", "/d", a, T0);
        assertThat(journal().leftovers(a, T0.plus(LEASE).plusSeconds(60), 10)).isEmpty();
    }

    @Test
    void aMoveOfAnInstanceWithoutLeaseRowIsALeftoverAtOnce() {
        Move m = move("/docs", "/d", c, T0);
        assertThat(journal().leftovers(a, T0, 10)).containsExactly(m);
    }

    @Test
    void recordsRoundTripEveryField() {
        Move m = move("/100% _done!/\u00e9t\u00e9 \ud83d\ude00", "/x/\u4e2d\u6587", c, T0);
        Move found = journal().leftovers(a, T0, 10).get(0);
        assertThat(found).isEqualTo(m);
        assertThat(found.from()).isEqualTo(ItemPath.parse("/100% _done!/\u00e9t\u00e9 \ud83d\ude00"));
        assertThat(found.instance()).contains(c);
        assertThat(found.startedAt()).isEqualTo(T0);
    }

    @Test
    void leftoversComeOldestFirstAndAtMostTheLimit() {
        Move second = move("/b", "/b2", c, T0.plusSeconds(2));
        Move first = move("/a", "/a2", c, T0.plusSeconds(1));
        move("/c", "/c2", c, T0.plusSeconds(3));
        assertThat(ids(journal().leftovers(a, T0.plusSeconds(4), 2))).containsExactly(first.id(), second.id());
    }

    @Test
    void finishRewritesTheLinksAndRemovesTheRecordInOneStep() {
        Share onItem = link("/docs");
        Share below = link("/docs/a.txt");
        Share beside = link("/docs2");
        Share replaced = link("/archive/docs");
        Move m = move("/docs", "/archive/docs", c, T0);

        assertThat(journal().finish(m)).isEqualTo(2);

        assertThat(shares().findById(onItem.id()).orElseThrow().itemPath()).isEqualTo(ItemPath.parse("/archive/docs"));
        assertThat(shares().findById(below.id()).orElseThrow().itemPath())
                .isEqualTo(ItemPath.parse("/archive/docs/a.txt"));
        assertThat(shares().findById(beside.id()).orElseThrow().itemPath()).isEqualTo(ItemPath.parse("/docs2"));
        assertThat(shares().findById(replaced.id())).isEmpty();
        assertThat(journal().leftovers(a, T0.plus(LEASE), 10)).isEmpty();
        // a second finish (an instance that took the move for dead) changes nothing more
        assertThat(journal().finish(m)).isZero();
        assertThat(shares().findById(onItem.id()).orElseThrow().itemPath()).isEqualTo(ItemPath.parse("/archive/docs"));
    }

    @Test
    void aFinishAfterAnotherInstanceDroppedTheRecordMovesTheLinksStillOnTheSourceAndDeletesNone() {
        Share onItem = link("/docs");
        Move m = move("/docs", "/d", c, T0);
        // another instance took the move for a dead one's, found the item still at the source and
        // dropped the record; then the slow first instance's storage move ended and it finishes
        journal().end(m);
        Share madeMeanwhile = link("/d/x");

        assertThat(journal().finish(m)).isEqualTo(1);

        assertThat(shares().findById(onItem.id()).orElseThrow().itemPath()).isEqualTo(ItemPath.parse("/d"));
        assertThat(shares().findById(madeMeanwhile.id())).isPresent();
    }

    @Test
    void endRemovesTheRecordAndLeavesTheLinks() {
        Share s = link("/docs");
        Move m = move("/docs", "/d", c, T0);
        journal().end(m);
        assertThat(journal().leftovers(a, T0, 10)).isEmpty();
        assertThat(shares().findById(s.id()).orElseThrow().itemPath()).isEqualTo(ItemPath.parse("/docs"));
    }

    @Test
    void aReleasedMoveIsALeftoverAtOnceEvenForItsOwnLiveInstance() {
        Move m = move("/docs", "/d", a, T0);
        journal().release(m);
        List<Move> left = journal().leftovers(a, T0, 10);
        assertThat(ids(left)).containsExactly(m.id());
        assertThat(left.get(0).instance()).isEmpty();
        assertThat(journal().takeOver(left.get(0), b, T0)).contains(m.runBy(b));
        assertThat(journal().leftovers(a, T0, 10)).isEmpty();
    }

    @Test
    void aMoveTakenOverByALiveInstanceIsNoLeftoverAnyMore() {
        Move m = move("/docs", "/d", c, T0);
        assertThat(journal().takeOver(m, a, T0)).contains(m.runBy(a));
        assertThat(journal().leftovers(b, T0, 10)).isEmpty();
        // the taker dies in turn: the move is a leftover again, now under the taker's name
        assertThat(ids(journal().leftovers(b, T0.plus(LEASE), 10))).containsExactly(m.id());
        assertThat(journal().leftovers(b, T0.plus(LEASE), 10).get(0).instance()).contains(a);
    }

    @Test
    void aMoveIsNotTakenFromALiveInstanceNorWithAStaleView() {
        Move live = move("/docs", "/d", a, T0);
        assertThat(journal().takeOver(live, b, T0.plusSeconds(1))).isEmpty();
        Move dead = move("/e", "/f", c, T0);
        assertThat(journal().takeOver(dead, a, T0)).isPresent();
        // b still holds the view from before a took it
        assertThat(journal().takeOver(dead, b, T0)).isEmpty();
        journal().end(dead);
        assertThat(journal().takeOver(dead, b, T0)).isEmpty();
    }

    @Test
    void ofInstancesRacingForALeftoverExactlyOneTakesIt() throws Exception {
        int racers = 8;
        for (int round = 0; round < 5; round++) {
            Move m = move("/r" + round, "/s" + round, c, T0);
            List<InstanceId> takers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                InstanceId id = InstanceId.random(random);
                instances().join(id, T0, T0.plus(LEASE));
                takers.add(id);
            }
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            try {
                List<Future<Optional<Move>>> results = new ArrayList<>();
                for (InstanceId taker : takers) {
                    results.add(pool.submit(() -> {
                        go.await();
                        return journal().takeOver(m, taker, T0);
                    }));
                }
                go.countDown();
                int taken = 0;
                for (Future<Optional<Move>> r : results) {
                    if (r.get(30, TimeUnit.SECONDS).isPresent()) {
                        taken++;
                    }
                }
                assertThat(taken).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
