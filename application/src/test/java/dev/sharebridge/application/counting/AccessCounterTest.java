package dev.sharebridge.application.counting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AccessCounterTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final List<String> writes = new CopyOnWriteArrayList<>();

    private AccessCounter counter() {
        return new AccessCounter(
                (id, count, last) -> writes.add(id + " " + count + " " + last), BatchedAccessCounts.ROUND);
    }

    private static Share share() {
        return Share.create(
                ShareId.random(),
                ItemPath.of("a"),
                ItemType.FILE,
                Optional.empty(),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                T0,
                UserId.of("alice"),
                Optional.empty());
    }

    @Test
    void countsUnlimitedLinksInMemoryAndWritesOneSum() {
        Share s = share();
        try (AccessCounter counter = counter()) {
            counter.learn(s);
            assertThat(counter.tryCount(List.of(s.id()), 10)).isTrue();
            assertThat(counter.tryCount(List.of(s.id()), 30)).isTrue();
            assertThat(counter.tryCount(List.of(s.id()), 20)).isTrue();
            counter.flush(s.id());
        }
        assertThat(writes).containsExactly(s.id() + " 3 30");
    }

    @Test
    void whatWasCountedBeforeALimitSetElsewhereIsWrittenBeforeTheExactCount() {
        Share s = share();
        Share other = share();
        try (AccessCounter counter = counter()) {
            counter.learn(s);
            counter.learn(other);
            assertThat(counter.tryCount(List.of(s.id()), 10)).isTrue();
            assertThat(counter.tryCount(List.of(s.id()), 20)).isTrue();
            assertThat(counter.tryCount(List.of(other.id()), 20)).isTrue();
            // another instance set a limit: the row read again says so
            counter.learn(s.withMaxAccesses(Optional.of(5L)));
            assertThat(counter.tryCount(List.of(s.id()), 30)).isFalse();
            counter.flushPending(List.of(s.id()));
            assertThat(writes).containsExactly(s.id() + " 2 20");
            counter.flushPending(List.of(s.id()));
            assertThat(writes).as("nothing pending any more").hasSize(1);
        }
    }

    @Test
    void leavesLimitedUnknownAndExpiredLinksToTheDatabase() {
        Share limited = share().withMaxAccesses(Optional.of(5L));
        Share expiring = share().withExpiresAt(Optional.of(T0.plusSeconds(1)));
        try (AccessCounter counter = counter()) {
            counter.learn(limited);
            counter.learn(expiring);
            assertThat(counter.tryCount(List.of(limited.id()), 10)).isFalse();
            assertThat(counter.tryCount(List.of(ShareId.random()), 10)).isFalse();
            assertThat(counter.tryCount(
                            List.of(expiring.id()), T0.plusSeconds(1).toEpochMilli()))
                    .isFalse();
            assertThat(counter.tryCount(List.of(expiring.id()), T0.toEpochMilli()))
                    .isTrue();
        }
        assertThat(writes).containsExactly(expiring.id() + " 1 " + T0.toEpochMilli());
    }

    @Test
    void forgetsEverythingAfterAChangeSoTheNextCountAsksTheDatabase() {
        Share s = share();
        try (AccessCounter counter = counter()) {
            counter.learn(s);
            counter.forgetAll();
            assertThat(counter.tryCount(List.of(s.id()), 10)).isFalse();
        }
        assertThat(writes).isEmpty();
    }

    @Test
    void countsAChainInMemoryOnlyWhenNoLinkOfItHasALimit() {
        Share root = share();
        Share limitedRoot = share().withMaxAccesses(Optional.of(5L));
        Share child = share();
        try (AccessCounter counter = counter()) {
            counter.learn(root);
            counter.learn(limitedRoot);
            counter.learn(child);
            assertThat(counter.tryCount(List.of(limitedRoot.id(), child.id()), 10))
                    .isFalse();
            assertThat(counter.tryCount(List.of(root.id(), child.id()), 20)).isTrue();
            counter.flush();
        }
        assertThat(writes).containsExactlyInAnyOrder(root.id() + " 1 20", child.id() + " 1 20");
    }

    @Test
    void aRoundWritesEveryLinkInOneCallAndKeepsWhatFailedForTheNext() {
        Share first = share();
        Share second = share();
        List<Integer> calls = new CopyOnWriteArrayList<>();
        boolean[] fail = {true};
        AccessCounter.Sink sink = new AccessCounter.Sink() {
            @Override
            public void add(ShareId id, long count, long last) {
                if (fail[0] && writes.size() == 1) {
                    throw new IllegalStateException("the database went away");
                }
                writes.add(id + " " + count);
            }

            @Override
            public void addAll(java.util.Map<ShareId, AccessCounter.Pending> batches) {
                calls.add(batches.size());
                AccessCounter.Sink.super.addAll(batches);
            }
        };
        try (AccessCounter counter = new AccessCounter(sink, BatchedAccessCounts.ROUND)) {
            counter.learn(first);
            counter.learn(second);
            counter.tryCount(List.of(first.id()), 10);
            counter.tryCount(List.of(second.id()), 10);
            try {
                counter.flush();
            } catch (IllegalStateException expected) {
                // one written, one kept
            }
            fail[0] = false;
            counter.tryCount(List.of(first.id()), 20);
            counter.tryCount(List.of(second.id()), 20);
            counter.flush();
        }
        assertThat(calls).startsWith(2, 2);
        assertThat(writes).hasSize(3);
        long total =
                writes.stream().mapToLong(w -> Long.parseLong(w.split(" ")[1])).sum();
        assertThat(total).as("%s", writes).isEqualTo(4);
    }

    @Test
    void aReadThatShowsACountWaitsForTheRoundThatIsWritingIt() throws Exception {
        Share s = share();
        List<String> events = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AccessCounter.Sink sink = new AccessCounter.Sink() {
            @Override
            public void add(ShareId id, long count, long last) {
                events.add("written " + count);
            }

            @Override
            public void addAll(java.util.Map<ShareId, AccessCounter.Pending> batches) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                AccessCounter.Sink.super.addAll(batches);
            }
        };
        try (AccessCounter counter = new AccessCounter(sink, BatchedAccessCounts.ROUND)) {
            counter.learn(s);
            counter.tryCount(List.of(s.id()), 10);
            Thread round = new Thread(counter::flush);
            round.start();
            writing.await();
            // the round has taken the count out of memory and is writing it
            Thread read = new Thread(() -> {
                counter.flush(s.id());
                events.add("read");
            });
            read.start();
            while (read.isAlive() && read.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            release.countDown();
            round.join();
            read.join();
        }
        assertThat(events).containsExactly("written 1", "read");
    }
}
