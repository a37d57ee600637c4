package dev.sharebridge.application.port.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.port.out.persistence.DeletionFence.Deletion;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Watch;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
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
 * The behaviour every {@link DeletionFence} must show. Extend it once per implementation (H2,
 * PostgreSQL, the in-memory fake) with an empty store before each test; links it stores must be
 * found by {@link #shares()}.
 */
public abstract class DeletionFenceContract {
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07.891Z");
    private static final UserId ALICE = UserId.of("alice");
    private static final Scope SPACE = Scope.userSpace(ALICE);
    private final SecureRandom random = new SecureRandom();

    protected abstract void emptyStore() throws Exception;

    protected abstract DeletionFence fence();

    protected abstract ShareRepository shares();

    @BeforeEach
    final void startEmpty() throws Exception {
        emptyStore();
    }

    private Share link(String path) {
        return Share.create(
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
    }

    private Watch watch(String path) {
        return fence().watch(SPACE, ItemPath.parse(path), T0).orElseThrow();
    }

    @Test
    void aLinkIsStoredWhenNoDeletionBeganSinceTheWatch() {
        Share s = link("docs");
        assertThat(fence().insert(watch("docs"), s)).isTrue();
        assertThat(shares().findById(s.id())).contains(s);
    }

    @Test
    void aDeletionAnywhereInTheScopeSinceTheWatchRefusesTheInsert() {
        Watch w = watch("docs");
        Deletion d = fence().begin(SPACE, ItemPath.parse("elsewhere"), T0, T0.plusSeconds(60));
        fence().end(d); // even one that is over: it may have deleted the item after the watch
        Share s = link("docs");
        assertThat(fence().insert(w, s)).isFalse();
        assertThat(shares().findById(s.id())).isEmpty();
        assertThat(fence().insert(watch("docs"), s)).isTrue();
    }

    @Test
    void aDeletionInAnotherScopeDoesNotDisturb() {
        Watch w = watch("docs");
        fence().begin(Scope.userSpace(UserId.of("bob")), ItemPath.root(), T0, T0.plusSeconds(60));
        fence().begin(Scope.room(RoomId.random()), ItemPath.root(), T0, T0.plusSeconds(60));
        assertThat(fence().insert(w, link("docs"))).isTrue();
    }

    @Test
    void nothingCanBeWatchedWhileItOrAFolderAboveItIsBeingDeleted() {
        Deletion d = fence().begin(SPACE, ItemPath.parse("docs/sub"), T0, T0.plusSeconds(60));
        assertThat(fence().watch(SPACE, ItemPath.parse("docs/sub"), T0)).isEmpty();
        assertThat(fence().watch(SPACE, ItemPath.parse("docs/sub/deep/file.txt"), T0))
                .isEmpty();
        assertThat(fence().watch(SPACE, ItemPath.parse("docs"), T0)).isPresent();
        assertThat(fence().watch(SPACE, ItemPath.parse("docs/subway"), T0)).isPresent();
        assertThat(fence().watch(Scope.userSpace(UserId.of("bob")), ItemPath.parse("docs/sub"), T0))
                .isPresent();
        fence().end(d);
        assertThat(fence().watch(SPACE, ItemPath.parse("docs/sub"), T0)).isPresent();
    }

    @Test
    void aDeletionOfTheRootCoversTheWholeScope() {
        fence().begin(SPACE, ItemPath.root(), T0, T0.plusSeconds(60));
        assertThat(fence().watch(SPACE, ItemPath.root(), T0)).isEmpty();
        assertThat(fence().watch(SPACE, ItemPath.parse("a/b"), T0)).isEmpty();
    }

    @Test
    void aDeletionThatNeverEndsStopsCoveringWhenItsLeaseRunsOut() {
        fence().begin(SPACE, ItemPath.parse("docs"), T0, T0.plusSeconds(60));
        assertThat(fence().watch(SPACE, ItemPath.parse("docs"), T0.plusSeconds(59)))
                .isEmpty();
        assertThat(fence().watch(SPACE, ItemPath.parse("docs"), T0.plusSeconds(60)))
                .isPresent();
    }

    @Test
    void aTakenTokenIsAnIllegalState() {
        Share first = link("docs");
        assertThat(fence().insert(watch("docs"), first)).isTrue();
        Share sameToken = new Share(
                ShareId.random(),
                first.itemPath(),
                first.itemType(),
                first.roomId(),
                first.token(),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                T0,
                ALICE,
                Optional.empty());
        assertThatThrownBy(() -> fence().insert(watch("docs"), sameToken)).isInstanceOf(IllegalStateException.class);
        assertThat(shares().findById(sameToken.id())).isEmpty();
        assertThat(fence().insert(watch("docs"), link("docs")))
                .as("the scope still works")
                .isTrue();
    }

    @Test
    void concurrentDeletionsOfANewScopeAllBeginAndAllCount() throws Exception {
        int n = 8;
        Watch before = watch("docs");
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Deletion>> begun = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String path = "f" + i;
                begun.add(pool.submit(() -> {
                    start.await();
                    return fence().begin(SPACE, ItemPath.parse(path), T0, T0.plusSeconds(60));
                }));
            }
            start.countDown();
            for (Future<Deletion> f : begun) {
                fence().end(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(watch("docs").deletionsBegun()).isEqualTo(before.deletionsBegun() + n);
        assertThat(fence().insert(before, link("docs"))).isFalse();
    }
}
