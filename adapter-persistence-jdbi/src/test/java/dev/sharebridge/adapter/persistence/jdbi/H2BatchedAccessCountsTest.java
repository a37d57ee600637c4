package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.counting.BatchedAccessCounts;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BatchedAccessCounts} on the H2 repository: what it keeps in memory, when it writes it,
 * and what it leaves to the database's exact count. Rounds are an hour apart unless a test says
 * otherwise, so every write seen here was asked for; the table is read behind the decorator's
 * back, which does not make it write.
 */
class H2BatchedAccessCountsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final UserId ALICE = UserId.of("alice");

    @TempDir
    static Path dir;

    private static JdbiPersistence db;
    private BatchedAccessCounts counts;

    @BeforeAll
    static void open() {
        db = JdbiPersistence.open(TestDatabases.h2FileUrl(dir), "", "");
    }

    @AfterAll
    static void closeDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void start() {
        TestDatabases.empty(db);
        counts = new BatchedAccessCounts(db.shareTable(), Duration.ofHours(1));
    }

    @AfterEach
    void stop() {
        counts.close();
    }

    private static Share link(ShareId id, Optional<Share> parent) {
        return new Share(
                id,
                ItemPath.of("a"),
                ItemType.FILE,
                Optional.empty(),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                T,
                ALICE,
                parent.map(Share::id));
    }

    private Share stored(Share share) {
        counts.insert(share);
        return share;
    }

    private Share stored() {
        return stored(link(ShareId.random(), Optional.empty()));
    }

    /** What the table says, read beside the decorator. */
    private static long countInTable(Share s) {
        return db.jdbi()
                .withHandle(h -> h.createQuery("SELECT access_count FROM shares WHERE id = :id")
                        .bind("id", s.id().toString())
                        .mapTo(Long.class)
                        .one());
    }

    /** Opens {@code link} as the public routes do: its row by token, its ancestors, then the count. */
    private boolean open(Share link, Instant at) {
        Share read = counts.findByToken(link.token()).orElseThrow();
        List<Share> chain = new ArrayList<>(List.of(read));
        chain.addAll(counts.findAncestors(read));
        return counts.recordAccess(LinkChain.of(chain), at);
    }

    @Test
    void opensOfAnUnlimitedLinkWaitInMemoryAndAReadThatShowsTheCountWritesTheirSumFirst() {
        Share s = stored();

        assertThat(open(s, T.plusMillis(10))).isTrue();
        assertThat(open(s, T.plusMillis(30))).isTrue();
        assertThat(open(s, T.plusMillis(20))).isTrue();

        assertThat(countInTable(s)).isZero();
        assertThat(counts.findByToken(s.token()).orElseThrow().accessCount())
                .as("the open path does not wait")
                .isZero();
        Share shown = counts.findById(s.id()).orElseThrow();
        assertThat(shown.accessCount()).isEqualTo(3);
        assertThat(shown.lastAccessedAt()).contains(T.plusMillis(30));
    }

    @Test
    void everyReadThatShowsCountsWritesThemFirst() {
        Share s = stored();
        Share child = stored(link(ShareId.random(), Optional.of(s)));

        open(s, T.plusMillis(1));
        assertThat(counts.listByOwner(ALICE, Optional.empty(), 10, Optional.empty())
                        .items())
                .filteredOn(x -> x.id().equals(s.id()))
                .singleElement()
                .extracting(Share::accessCount)
                .isEqualTo(1L);
        open(s, T.plusMillis(2));
        assertThat(counts.findByOwnerAndPathPrefix(ALICE, ItemPath.of("a")))
                .filteredOn(x -> x.id().equals(s.id()))
                .singleElement()
                .extracting(Share::accessCount)
                .isEqualTo(2L);
        open(child, T.plusMillis(3));
        assertThat(counts.findChildren(s.id()))
                .singleElement()
                .extracting(Share::accessCount)
                .isEqualTo(1L);
        assertThat(countInTable(s)).isEqualTo(3);
    }

    @Test
    void aLinkWithALimitInItsChainIsCountedInTheDatabaseAtOnce() {
        Share root = stored(link(ShareId.random(), Optional.empty()).withMaxAccesses(Optional.of(2L)));
        Share child = stored(link(ShareId.random(), Optional.of(root)));

        assertThat(open(child, T.plusMillis(1))).isTrue();
        assertThat(countInTable(root)).isEqualTo(1);
        assertThat(countInTable(child)).isEqualTo(1);
        assertThat(open(root, T.plusMillis(2))).isTrue();
        assertThat(open(child, T.plusMillis(3))).as("the parent's limit").isFalse();
        assertThat(countInTable(child)).isEqualTo(1);
    }

    @Test
    void aLimitSetThroughTheRepositoryIsObeyedFromTheNextOpenOn() {
        Share s = stored();
        open(s, T.plusMillis(1));
        open(s, T.plusMillis(2));

        assertThat(counts.update(s.withMaxAccesses(Optional.of(3L)))).isTrue();

        assertThat(countInTable(s)).as("written before the change").isEqualTo(2);
        assertThat(counts.recordAccess(LinkChain.of(s), T.plusMillis(3))).isTrue();
        assertThat(counts.recordAccess(LinkChain.of(s), T.plusMillis(4))).isFalse();
        assertThat(countInTable(s)).isEqualTo(3);
    }

    @Test
    void aDeleteWritesEveryPendingCountFirst() {
        Share kept = stored();
        Share deleted = stored();
        open(kept, T.plusMillis(1));
        open(deleted, T.plusMillis(1));

        assertThat(counts.deleteWithDescendants(deleted.id())).isEqualTo(1);

        assertThat(countInTable(kept)).isEqualTo(1);
    }

    @Test
    void closeWritesWhatIsPending() {
        Share s = stored();
        open(s, T.plusMillis(1));
        open(s, T.plusMillis(2));

        counts.close();

        assertThat(countInTable(s)).isEqualTo(2);
    }

    @Test
    void roundsWriteOnTheirOwn() throws InterruptedException {
        try (BatchedAccessCounts everyRound = new BatchedAccessCounts(db.shareTable())) {
            Share s = link(ShareId.random(), Optional.empty());
            everyRound.insert(s);
            everyRound.findByToken(s.token());
            assertThat(everyRound.recordAccess(LinkChain.of(s), T.plusMillis(1)))
                    .isTrue();

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (countInTable(s) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(countInTable(s)).isEqualTo(1);
        }
    }

    @Test
    void aRoundThatFailsHalfwayKeepsWhatItDidNotWriteForTheNextAndWritesNothingTwice() {
        // rounds write in the order of the ids: first, then second
        Share first = stored(link(new ShareId(new UUID(0, 1)), Optional.empty()));
        Share second = stored(link(new ShareId(new UUID(0, 2)), Optional.empty()));
        open(first, T.plusMillis(1));
        open(second, T.plusMillis(1));
        db.jdbi()
                .useHandle(h -> h.execute("ALTER TABLE shares ADD CONSTRAINT no_second_count CHECK (id <> '"
                        + second.id() + "' OR access_count = 0)"));
        try {
            assertThatThrownBy(() -> counts.listByOwner(ALICE, Optional.empty(), 10, Optional.empty()))
                    .isInstanceOf(RuntimeException.class);
            assertThat(countInTable(first)).isEqualTo(1);
            assertThat(countInTable(second)).isZero();
        } finally {
            db.jdbi().useHandle(h -> h.execute("ALTER TABLE shares DROP CONSTRAINT no_second_count"));
        }
        open(first, T.plusMillis(2));
        open(second, T.plusMillis(2));

        counts.listByOwner(ALICE, Optional.empty(), 10, Optional.empty());

        assertThat(countInTable(first)).isEqualTo(2);
        assertThat(countInTable(second)).isEqualTo(2);
    }
}
