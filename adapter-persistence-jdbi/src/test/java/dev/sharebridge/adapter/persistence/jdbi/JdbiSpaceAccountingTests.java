package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.quota.SpaceAccounting;
import dev.sharebridge.domain.TokenDigest;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.LinkLimits;
import dev.sharebridge.domain.share.LinkPolicy;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The accounting SQL of quotas and link limits: the conditional update, on a real database. */
abstract class JdbiSpaceAccountingTests {
    private static final UserId ALICE = UserId.of("alice");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final SecureRandom random = new SecureRandom();

    protected abstract JdbiPersistence db();

    private SpaceAccounting accounting() {
        return db().spaceAccounting();
    }

    @BeforeEach
    void emptyStore() {
        TestDatabases.empty(db());
        db().users().add(new User(ALICE, TokenDigest.digest("alice" + random.nextLong()), T0));
    }

    @Test
    void a_reservation_within_the_quota_counts_and_one_beyond_it_changes_nothing() {
        assertThat(accounting().setQuota(ALICE, OptionalLong.of(100))).isTrue();
        assertThat(accounting().reserve(ALICE, 60, 0)).isTrue();
        assertThat(accounting().reserve(ALICE, 41, 0)).isFalse();
        assertThat(accounting().reserve(ALICE, 40, 0)).isTrue();
        assertThat(accounting().usage(ALICE)).hasValue(new SpaceAccounting.Usage(100, OptionalLong.of(100)));
        accounting().release(ALICE, 150);
        assertThat(accounting().usage(ALICE).orElseThrow().used()).isZero();
    }

    @Test
    void without_an_own_quota_the_default_applies_and_0_is_none() {
        assertThat(accounting().reserve(ALICE, 10, 5)).isFalse();
        assertThat(accounting().reserve(ALICE, 10, 0)).isTrue();
        accounting().setQuota(ALICE, OptionalLong.of(0));
        assertThat(accounting().reserve(ALICE, 1L << 40, 5)).isTrue();
        accounting().setQuota(ALICE, OptionalLong.empty());
        assertThat(accounting().usage(ALICE).orElseThrow().quota()).isEmpty();
        assertThat(accounting().setUsed(ALICE, 7)).isTrue();
        assertThat(accounting().usage(ALICE).orElseThrow().used()).isEqualTo(7);
        assertThat(accounting().reserve(UserId.of("nobody"), 1, 0)).isFalse();
        assertThat(accounting().usage(UserId.of("nobody"))).isEmpty();
    }

    @Test
    void concurrent_reservations_never_together_go_over_the_quota() throws Exception {
        accounting().setQuota(ALICE, OptionalLong.of(1000));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                tries.add(pool.submit(() -> {
                    start.await();
                    return accounting().reserve(ALICE, 100, 0);
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> f : tries) {
                granted += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(granted).isEqualTo(10);
            assertThat(accounting().usage(ALICE).orElseThrow().used()).isEqualTo(1000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_link_receives_up_to_its_max_upload_bytes_and_its_limits_are_stored() {
        Share link = Share.ownerLink(
                        ShareId.random(),
                        ShareToken.generate(random),
                        ALICE,
                        ItemPath.parse("drop"),
                        ItemType.FOLDER,
                        LinkPolicy.of(new SharePermissions(false, true, false)),
                        T0)
                .withLimits(new LinkLimits(Optional.of(100L), Optional.of(30L)));
        db().shares().insert(link);
        assertThat(db().shares().findById(link.id()).orElseThrow().limits()).isEqualTo(link.limits());
        assertThat(accounting().reserveLink(link.id(), 70)).isTrue();
        assertThat(accounting().reserveLink(link.id(), 31)).isFalse();
        assertThat(accounting().reserveLink(link.id(), 30)).isTrue();
        accounting().releaseLink(link.id(), 30);
        assertThat(accounting().reserveLink(link.id(), 30)).isTrue();
        assertThat(accounting().reserveLink(ShareId.random(), 1)).isFalse();
    }
}
