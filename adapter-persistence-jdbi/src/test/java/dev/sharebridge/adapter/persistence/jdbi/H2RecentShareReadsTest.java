package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.cache.RecentShareReads;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.persistence.ShareRepositoryContract;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RecentShareReads} on the H2 repository as the server stacks them, under the
 * ShareRepository contract, with rows kept for their tokens far longer than any test runs:
 * every change made through the repository must still show at once. Plus what the cache may and
 * may not hide of changes made behind the repository's back.
 */
class H2RecentShareReadsTest extends ShareRepositoryContract {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration KEPT = Duration.ofHours(1);

    @TempDir
    static Path dir;

    private static JdbiPersistence db;
    /** The cache's clock, moved on by {@link #forgetRecent()}. */
    private static final AtomicLong nanos = new AtomicLong();

    private static ShareRepository shares;

    @BeforeAll
    static void open() {
        db = JdbiPersistence.open(TestDatabases.h2FileUrl(dir), "", "");
        shares = new RecentShareReads(db.shares(), KEPT, nanos::get);
    }

    /** Lets the kept rows' time run out, as for tests that change the table behind the repository's back. */
    private static void forgetRecent() {
        nanos.addAndGet(KEPT.toNanos());
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    @Override
    protected void emptyStore() {
        TestDatabases.empty(db);
        forgetRecent();
    }

    @Override
    protected ShareRepository shares() {
        return shares;
    }

    private static Share link(Optional<Long> maxAccesses) {
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
                maxAccesses,
                T,
                UserId.of("alice"),
                Optional.empty());
    }

    private static Share stored(Optional<Long> maxAccesses) {
        Share s = link(maxAccesses);
        shares.insert(s);
        return s;
    }

    private static void labelBehindTheBack(Share s, String label) {
        db.jdbi()
                .useHandle(h -> h.createUpdate("UPDATE shares SET label = :label WHERE id = :id")
                        .bind("label", label)
                        .bind("id", s.id().toString())
                        .execute());
    }

    @Test
    void aChangeFromElsewhereIsHiddenOnlyUntilTheRowIsReadAgain() {
        Share s = stored(Optional.empty());
        assertThat(shares.findByToken(s.token())).isPresent();
        labelBehindTheBack(s, "from the CLI");
        assertThat(shares.findByToken(s.token()).orElseThrow().label()).isEmpty();
        forgetRecent();
        assertThat(shares.findByToken(s.token()).orElseThrow().label()).contains("from the CLI");
    }

    @Test
    void aDeletionThroughTheRepositoryEndsTheLinkAtOnce() {
        Share s = stored(Optional.empty());
        assertThat(shares.findByToken(s.token())).isPresent();
        assertThat(shares.deleteWithDescendants(s.id())).isEqualTo(1);
        assertThat(shares.findByToken(s.token())).isEmpty();
    }

    @Test
    void limitedLinksAndUnknownTokensAreReadEveryTime() {
        Share limited = stored(Optional.of(3L));
        assertThat(shares.findByToken(limited.token())).isPresent();
        labelBehindTheBack(limited, "changed");
        assertThat(shares.findByToken(limited.token()).orElseThrow().label()).contains("changed");

        Share later = link(Optional.empty());
        assertThat(shares.findByToken(later.token())).isEmpty();
        shares.insert(later);
        assertThat(shares.findByToken(later.token())).isPresent();
    }

    @Test
    void withoutALimitEveryLookupReadsTheDatabase() {
        try (JdbiPersistence fresh = JdbiPersistence.open(TestDatabases.h2FileUrl(dir.resolve("zero")), "", "")) {
            ShareRepository uncached = new RecentShareReads(fresh.shares(), Duration.ZERO, fresh.cacheInvalidations());
            Share s = link(Optional.empty());
            uncached.insert(s);
            assertThat(uncached.findByToken(s.token())).isPresent();
            fresh.jdbi().useHandle(h -> h.execute("DELETE FROM shares"));
            assertThat(uncached.findByToken(s.token())).isEmpty();
        }
    }
}
