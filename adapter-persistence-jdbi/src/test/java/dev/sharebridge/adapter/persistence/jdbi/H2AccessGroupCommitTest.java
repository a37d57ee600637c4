package dev.sharebridge.adapter.persistence.jdbi;

import static dev.sharebridge.adapter.persistence.jdbi.AccessGroupCommitTests.link;
import static dev.sharebridge.adapter.persistence.jdbi.AccessGroupCommitTests.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.counting.AccessGroupCommit;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The group commit on an H2 file, as the server runs it ({@link JdbiPersistence#shares()}): every
 * access answered is in the table when the answer arrives, with the CPU busy too; limits are
 * exact; accesses that arrive together share a transaction.
 */
class H2AccessGroupCommitTest {
    @TempDir
    static Path dir;

    private static JdbiPersistence db;

    @BeforeAll
    static void openDatabase() {
        db = JdbiPersistence.open(TestDatabases.h2FileUrl(dir), "", "");
    }

    @AfterAll
    static void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() {
        TestDatabases.empty(db);
    }

    @Test
    void everyAccessAnsweredIsCountedWhenTheLastAnswerArrivesAlsoWithTheCpuBusy() throws Exception {
        Share link = link(Optional.empty());
        db.shares().insert(link);
        List<CompletableFuture<Boolean>> answers;
        try (AccessGroupCommitTests.BusyCpu busy = new AccessGroupCommitTests.BusyCpu()) {
            answers = open(db.shares(), link, 600);
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
            // read at once, no flush, no wait: nothing answered is only in memory
            assertThat(db.shares().findById(link.id()).orElseThrow().accessCount())
                    .isEqualTo(600);
        }
        assertThat(answers).allMatch(CompletableFuture::join);
    }

    @Test
    void aBatchGrantsExactlyWhatIsLeftAndRefusesTheRest() {
        Share link = link(Optional.of(5L));
        db.shares().insert(link);

        List<CompletableFuture<Boolean>> answers = open(db.shares(), link, 40);

        assertThat(answers.stream().filter(CompletableFuture::join).count()).isEqualTo(5);
        assertThat(db.shares().findById(link.id()).orElseThrow().accessCount()).isEqualTo(5);
        assertThat(db.shares().recordAccess(LinkChain.of(link), Instant.now())).isFalse();
    }

    @Test
    void accessesThatArriveWhileACommitRunsShareTheNextTransaction() {
        Share link = link(Optional.empty());
        db.shares().insert(link);
        List<Integer> batches = new ArrayList<>();
        ShareRepository table = db.shareTable();
        ShareRepository recording = (ShareRepository) Proxy.newProxyInstance(
                ShareRepository.class.getClassLoader(), new Class<?>[] {ShareRepository.class}, (p, m, args) -> {
                    if (m.getName().equals("recordAccesses")) {
                        synchronized (batches) {
                            batches.add(((List<?>) args[0]).size());
                        }
                    }
                    return m.invoke(table, args);
                });
        try (AccessGroupCommit commit = new AccessGroupCommit(recording)) {
            CompletableFuture.allOf(open(commit, link, 2_000).toArray(CompletableFuture[]::new))
                    .join();
        }
        synchronized (batches) {
            assertThat(batches.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_000);
            assertThat(batches).hasSizeLessThan(2_000 / 4).allMatch(n -> n <= AccessGroupCommit.MAX_BATCH);
        }
        assertThat(db.shares().findById(link.id()).orElseThrow().accessCount()).isEqualTo(2_000);
    }

    @Test
    void aFailedBatchFailsEveryAccessInItAndCountsNone() {
        ShareRepository failing = (ShareRepository) Proxy.newProxyInstance(
                ShareRepository.class.getClassLoader(), new Class<?>[] {ShareRepository.class}, (p, m, args) -> {
                    throw new IllegalStateException("the database is away");
                });
        Share link = link(Optional.empty());
        try (AccessGroupCommit commit = new AccessGroupCommit(failing)) {
            assertThatThrownBy(() -> commit.recordAccess(LinkChain.of(link), Instant.now()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("the database is away");
            assertThat(commit.recordAccessLater(LinkChain.of(link), Instant.now()))
                    .failsWithin(java.time.Duration.ofSeconds(5))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closeCommitsWhatHasArrivedAndRefusesWhatComesLater() {
        Share link = link(Optional.empty());
        db.shares().insert(link);
        AccessGroupCommit commit = new AccessGroupCommit(db.shareTable());
        List<CompletableFuture<Boolean>> answers = open(commit, link, 100);

        commit.close();

        assertThat(answers).allMatch(a -> a.isDone() && a.join());
        assertThat(db.shares().findById(link.id()).orElseThrow().accessCount()).isEqualTo(100);
        assertThatThrownBy(() -> commit.recordAccessLater(LinkChain.of(link), Instant.now()))
                .isInstanceOf(IllegalStateException.class);
    }
}
