package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ShareRepository contract again, with rows kept for their tokens far longer than any test
 * runs: every change made through the repository must still show at once. Plus what the cache
 * may and may not hide of changes made behind the repository's back.
 */
class H2RecentShareRepositoryTest extends ShareRepositoryContract {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    @TempDir
    static Path dir;
    private static JdbiPersistence db;

    @BeforeAll
    static void open() {
        db = JdbiPersistence.open(TestDatabases.h2FileUrl(dir), "", "", Duration.ofHours(1));
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
        db.shareRepository().forgetRecent();
    }

    @Override
    protected ShareRepository shares() {
        return db.shares();
    }

    private static Share link(Optional<Long> maxAccesses) {
        return Share.create(ShareId.random(), ItemPath.of("a"), ItemType.FILE, Optional.empty(),
                ShareToken.generate(new SecureRandom()), Optional.empty(), Optional.empty(), SharePermissions.DEFAULT,
                Optional.empty(), maxAccesses, T, UserId.of("alice"), Optional.empty());
    }

    private static Share stored(Optional<Long> maxAccesses) {
        Share s = link(maxAccesses);
        db.shares().insert(s);
        return s;
    }

    private static void labelBehindTheBack(Share s, String label) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE shares SET label = :label WHERE id = :id")
                .bind("label", label).bind("id", s.id().toString()).execute());
    }

    @Test
    void aChangeFromElsewhereIsHiddenOnlyUntilTheRowIsReadAgain() {
        Share s = stored(Optional.empty());
        assertThat(db.shares().findByToken(s.token())).isPresent();
        labelBehindTheBack(s, "from the CLI");
        assertThat(db.shares().findByToken(s.token()).orElseThrow().label()).isEmpty();
        db.shareRepository().forgetRecent();
        assertThat(db.shares().findByToken(s.token()).orElseThrow().label()).contains("from the CLI");
    }

    @Test
    void aDeletionThroughTheRepositoryEndsTheLinkAtOnce() {
        Share s = stored(Optional.empty());
        assertThat(db.shares().findByToken(s.token())).isPresent();
        assertThat(db.shares().deleteWithDescendants(s.id())).isEqualTo(1);
        assertThat(db.shares().findByToken(s.token())).isEmpty();
    }

    @Test
    void limitedLinksAndUnknownTokensAreReadEveryTime() {
        Share limited = stored(Optional.of(3L));
        assertThat(db.shares().findByToken(limited.token())).isPresent();
        labelBehindTheBack(limited, "changed");
        assertThat(db.shares().findByToken(limited.token()).orElseThrow().label()).contains("changed");

        Share later = link(Optional.empty());
        assertThat(db.shares().findByToken(later.token())).isEmpty();
        db.shares().insert(later);
        assertThat(db.shares().findByToken(later.token())).isPresent();
    }

    @Test
    void withoutALimitEveryLookupReadsTheDatabase() {
        try (JdbiPersistence fresh = JdbiPersistence.open(TestDatabases.h2FileUrl(dir.resolve("zero")), "", "")) {
            Share s = link(Optional.empty());
            fresh.shares().insert(s);
            assertThat(fresh.shares().findByToken(s.token())).isPresent();
            fresh.jdbi().useHandle(h -> h.execute("DELETE FROM shares"));
            assertThat(fresh.shares().findByToken(s.token())).isEmpty();
        }
    }
}
