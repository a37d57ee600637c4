package dev.sharebridge.adapter.persistence.jdbi;

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
        return new AccessCounter((id, count, last) -> writes.add(id + " " + count + " " + last));
    }

    private static Share share() {
        return Share.create(ShareId.random(), ItemPath.of("a"), ItemType.FILE, Optional.empty(),
                ShareToken.generate(new SecureRandom()), Optional.empty(), Optional.empty(), SharePermissions.DEFAULT,
                Optional.empty(), Optional.empty(), T0, UserId.of("alice"), Optional.empty());
    }

    @Test
    void countsUnlimitedLinksInMemoryAndWritesOneSum() {
        Share s = share();
        try (AccessCounter counter = counter()) {
            counter.learn(s);
            assertThat(counter.tryCount(s.id().toString(), 10)).isTrue();
            assertThat(counter.tryCount(s.id().toString(), 30)).isTrue();
            assertThat(counter.tryCount(s.id().toString(), 20)).isTrue();
            counter.flush(s.id().toString());
        }
        assertThat(writes).containsExactly(s.id() + " 3 30");
    }

    @Test
    void leavesLimitedUnknownAndExpiredLinksToTheDatabase() {
        Share limited = share().withMaxAccesses(Optional.of(5L));
        Share expiring = share().withExpiresAt(Optional.of(T0.plusSeconds(1)));
        try (AccessCounter counter = counter()) {
            counter.learn(limited);
            counter.learn(expiring);
            assertThat(counter.tryCount(limited.id().toString(), 10)).isFalse();
            assertThat(counter.tryCount(ShareId.random().toString(), 10)).isFalse();
            assertThat(counter.tryCount(expiring.id().toString(), T0.plusSeconds(1).toEpochMilli())).isFalse();
            assertThat(counter.tryCount(expiring.id().toString(), T0.toEpochMilli())).isTrue();
        }
        assertThat(writes).containsExactly(expiring.id() + " 1 " + T0.toEpochMilli());
    }

    @Test
    void forgetsEverythingAfterAChangeSoTheNextCountAsksTheDatabase() {
        Share s = share();
        try (AccessCounter counter = counter()) {
            counter.learn(s);
            counter.forgetAll();
            assertThat(counter.tryCount(s.id().toString(), 10)).isFalse();
        }
        assertThat(writes).isEmpty();
    }
}
