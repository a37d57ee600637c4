package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The group commit: a writer returns only after a checkpoint begun after it called, and writers share one. */
class DurableCommitsTest {
    /** A database whose checkpoints each wait for a latch the test opens. */
    private static final class Checkpoints {
        final AtomicInteger begun = new AtomicInteger();
        final BlockingQueue<CountDownLatch> running = new LinkedBlockingQueue<>();

        DataSource dataSource() {
            Statement statement = proxy(Statement.class, (name, args) -> {
                if (name.equals("execute")) {
                    assertThat(args[0]).isEqualTo("CHECKPOINT SYNC");
                    CountDownLatch release = new CountDownLatch(1);
                    begun.incrementAndGet();
                    running.add(release);
                    release.await();
                    return false;
                }
                return null;
            });
            Connection connection =
                    proxy(Connection.class, (name, args) -> name.equals("createStatement") ? statement : null);
            return proxy(DataSource.class, (name, args) -> name.equals("getConnection") ? connection : null);
        }
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(
                type.getClassLoader(),
                new Class<?>[] {type},
                (p, method, args) -> method.getName().equals("close") ? null : answer.answer(method.getName(), args)));
    }

    @Test
    void writersArrivingDuringACheckpointWaitForTheNextOneAndShareIt() throws Exception {
        Checkpoints db = new Checkpoints();
        DurableCommits commits = new DurableCommits(db.dataSource(), true);

        CompletableFuture<Void> first = CompletableFuture.runAsync(commits::await);
        CountDownLatch firstCheckpoint = db.running.poll(1, TimeUnit.MINUTES);
        assertThat(firstCheckpoint).as("the first writer's checkpoint runs").isNotNull();
        // their commits may be later than the start of the running checkpoint
        CompletableFuture<Void> second = CompletableFuture.runAsync(commits::await);
        CompletableFuture<Void> third = CompletableFuture.runAsync(commits::await);
        while (commits.waiting() < 2) {
            Thread.onSpinWait();
        }
        firstCheckpoint.countDown();
        first.get(1, TimeUnit.MINUTES);

        CountDownLatch secondCheckpoint = db.running.poll(1, TimeUnit.MINUTES);
        assertThat(secondCheckpoint).as("a second checkpoint runs").isNotNull();
        assertThat(second).isNotDone();
        assertThat(third).isNotDone();
        secondCheckpoint.countDown();
        CompletableFuture.allOf(second, third).get(1, TimeUnit.MINUTES);
        assertThat(db.begun.get())
                .as("the two later writers shared one checkpoint")
                .isEqualTo(2);
        assertThat(db.running).isEmpty();
    }

    @Test
    void aReadWaitsForACheckpointOnlyWhileAWriteIsInFlight() throws Exception {
        Checkpoints db = new Checkpoints();
        DurableCommits commits = new DurableCommits(db.dataSource(), true);

        commits.awaitSeen();
        assertThat(db.begun.get()).as("no write in flight: a read asks nothing").isZero();

        // a write that has run its statements (and may have committed) but not reached the file
        commits.writing();
        CompletableFuture<Void> read = CompletableFuture.runAsync(commits::awaitSeen);
        CountDownLatch checkpoint = db.running.poll(1, TimeUnit.MINUTES);
        assertThat(checkpoint).as("the read's checkpoint runs").isNotNull();
        assertThat(read)
                .as("what the read may have seen is not in the file yet")
                .isNotDone();
        checkpoint.countDown();
        read.get(1, TimeUnit.MINUTES);

        commits.settled();
        commits.awaitSeen();
        assertThat(db.begun.get()).as("the write settled: reads are free again").isEqualTo(1);
    }

    @Test
    void aDatabaseThatNeedsNoneIsNeverAsked() {
        DurableCommits.notNeeded().await();
    }

    @Test
    void statementsThatAreNotQueriesCountAsWrites() {
        for (String write : List.of(
                "INSERT INTO t VALUES (1)",
                "  update t set a = 1",
                "\nDELETE FROM shares\n WHERE id IN (WITH RECURSIVE d AS (SELECT 1) SELECT 1)",
                "MERGE INTO t KEY (id) VALUES (1)",
                "CREATE TABLE x (a INT)")) {
            assertThat(DurableCommits.isWrite(write)).as(write).isTrue();
        }
        for (String read : List.of("SELECT 1", "  select id from shares where token = ? for update", "VALUES 1")) {
            assertThat(DurableCommits.isWrite(read)).as(read).isFalse();
        }
        assertThat(DurableCommits.isWrite(null)).isFalse();
    }
}
