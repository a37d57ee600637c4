package dev.sharebridge.application.port.out.dav;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.dav.DeadPropertyStore.Change;
import dev.sharebridge.application.port.out.dav.DeadPropertyStore.Name;
import dev.sharebridge.domain.dav.DavLock;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store of WebDAV locks and dead properties must do ({@link DavLockStore},
 * {@link DeadPropertyStore}): in memory, on H2 and on PostgreSQL alike.
 */
public abstract class DavStateContract {
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07.891Z");
    protected static final UserId ALICE = UserId.of("alice");
    protected static final UserId BOB = UserId.of("bob");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Name COLOUR = new Name("urn:x", "colour");
    private static final Name SIZE = new Name("", "size");

    protected final DavSpaceKey alice = DavSpaceKey.owner(ALICE);
    protected final DavSpaceKey bob = DavSpaceKey.owner(BOB);

    protected abstract DavLockStore locks();

    protected abstract DeadPropertyStore properties();

    /** Empties the store and makes the users ALICE and BOB (where spaces need them). */
    protected abstract void emptyStore() throws Exception;

    /** A new share link's space (a link that exists, where spaces need it). */
    protected abstract DavSpaceKey.Link newLink() throws Exception;

    @BeforeEach
    final void startEmpty() throws Exception {
        emptyStore();
    }

    private static DavLock lock(String path, boolean exclusive, boolean infinite) {
        return DavLock.create(ItemPath.parse(path), exclusive, infinite, "<D:href>me</D:href>", MINUTE, T0);
    }

    private static Optional<String> v(String value) {
        return Optional.of(value);
    }

    // ---- locks -------------------------------------------------------------------------------

    @Test
    void aLockIsKeptAsMadeAndFoundByItsToken() {
        DavLock l = lock("docs/a.txt", true, false);
        assertThat(locks().lock(alice, l, T0)).isTrue();
        assertThat(locks().live(alice, T0)).containsExactly(l);
        assertThat(locks().byToken(alice, l.token(), T0)).contains(l);
        assertThat(l.token()).startsWith("urn:uuid:").hasSizeLessThanOrEqualTo(DavLock.MAX_TOKEN_LENGTH);
        assertThat(lock("docs/a.txt", true, false).token()).isNotEqualTo(l.token());
    }

    @Test
    void spacesDoNotSeeEachOthersLocks() throws Exception {
        DavSpaceKey link = newLink();
        DavLock l = lock("a.txt", true, false);
        assertThat(locks().lock(alice, l, T0)).isTrue();
        assertThat(locks().live(bob, T0)).isEmpty();
        assertThat(locks().byToken(link, l.token(), T0)).isEmpty();
        assertThat(locks().lock(link, lock("a.txt", true, false), T0)).isTrue();
        assertThat(locks().unlock(bob, l.token())).isFalse();
        assertThat(locks().live(alice, T0)).containsExactly(l);
    }

    @Test
    void exclusiveLocksExcludeAndSharedOnesShare() {
        assertThat(locks().lock(alice, lock("a.txt", false, false), T0)).isTrue();
        assertThat(locks().lock(alice, lock("a.txt", false, false), T0)).isTrue();
        assertThat(locks().lock(alice, lock("a.txt", true, false), T0)).isFalse();
        assertThat(locks().lock(alice, lock("b.txt", true, false), T0)).isTrue();
        assertThat(locks().lock(alice, lock("b.txt", false, false), T0)).isFalse();
        assertThat(locks().live(alice, T0)).hasSize(3);
    }

    @Test
    void aLockOfDepthInfinityCoversWhatIsBelowIt() {
        assertThat(locks().lock(alice, lock("docs", true, true), T0)).isTrue();
        assertThat(locks().lock(alice, lock("docs/sub/a.txt", true, false), T0)).isFalse();
        assertThat(locks().lock(alice, lock("docsx", true, true), T0)).isTrue();
        assertThat(locks().lock(alice, lock("other/a.txt", true, false), T0)).isTrue();
        // a new lock of depth infinity conflicts with one below it
        assertThat(locks().lock(alice, lock("other", true, true), T0)).isFalse();
        // depth 0 on the folder does not reach its members
        assertThat(locks().lock(alice, lock("other", true, false), T0)).isTrue();
    }

    @Test
    void aLockWhoseTimeoutPassedIsGone() {
        DavLock l = lock("a.txt", true, false);
        assertThat(locks().lock(alice, l, T0)).isTrue();
        Instant later = T0.plus(MINUTE);
        assertThat(locks().live(alice, later.minusMillis(1))).containsExactly(l);
        assertThat(locks().live(alice, later)).isEmpty();
        assertThat(locks().byToken(alice, l.token(), later)).isEmpty();
        assertThat(locks().refresh(alice, l.token(), MINUTE, later)).isEmpty();
        // and no longer conflicts
        DavLock next = DavLock.create(ItemPath.parse("a.txt"), true, false, "", MINUTE, later);
        assertThat(locks().lock(alice, next, later)).isTrue();
        assertThat(locks().live(alice, later)).containsExactly(next);
    }

    @Test
    void aRefreshExtendsTheLockFromNow() {
        DavLock l = lock("a.txt", true, false);
        locks().lock(alice, l, T0);
        Instant later = T0.plusSeconds(50);
        DavLock renewed =
                locks().refresh(alice, l.token(), Duration.ofMinutes(2), later).orElseThrow();
        assertThat(renewed.expires()).isEqualTo(later.plus(Duration.ofMinutes(2)));
        assertThat(renewed.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(locks().byToken(alice, l.token(), T0.plus(MINUTE).plusSeconds(30)))
                .contains(renewed);
        assertThat(locks().refresh(alice, l.token(), Duration.ofDays(1), later)
                        .orElseThrow()
                        .timeout())
                .isEqualTo(DavLock.MAX_TIMEOUT);
    }

    @Test
    void unlockAndReleaseEndLocks() {
        DavLock a = lock("docs/a.txt", true, false);
        DavLock b = lock("docs/sub/b.txt", true, false);
        DavLock c = lock("docsx/c.txt", true, false);
        DavLock d = lock("d.txt", true, false);
        for (DavLock l : List.of(a, b, c, d)) {
            assertThat(locks().lock(alice, l, T0)).isTrue();
        }
        assertThat(locks().unlock(alice, d.token())).isTrue();
        assertThat(locks().unlock(alice, d.token())).isFalse();
        locks().release(alice, ItemPath.parse("docs"));
        assertThat(locks().live(alice, T0)).containsExactly(c);
    }

    @Test
    void ofConcurrentConflictingLocksOneIsMade() throws Exception {
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                // exclusive on the folder and on members of it: all conflict
                String path = i % 2 == 0 ? "race" : "race/f";
                Callable<Boolean> call = () -> {
                    start.await();
                    return locks().lock(alice, lock(path, true, true), T0);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            int made = 0;
            for (Future<Boolean> r : results) {
                made += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(made).isEqualTo(1);
            assertThat(locks().live(alice, T0)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- dead properties ---------------------------------------------------------------------

    @Test
    void propertiesAreSetReplacedAndRemovedInOrder() {
        ItemPath a = ItemPath.parse("a.txt");
        assertThat(properties().of(alice, a)).isEmpty();
        assertThat(properties()
                        .apply(
                                alice,
                                a,
                                List.of(
                                        new Change(SIZE, v("<size>1</size>")),
                                        new Change(COLOUR, v("<x:colour xmlns:x=\"urn:x\">red</x:colour>")))))
                .isTrue();
        assertThat(properties().apply(alice, a, List.of(new Change(SIZE, v("<size>2</size>")))))
                .isTrue();
        Map<Name, String> props = properties().of(alice, a);
        assertThat(props.keySet()).containsExactly(SIZE, COLOUR);
        assertThat(props.get(SIZE)).isEqualTo("<size>2</size>");
        assertThat(properties().apply(alice, a, List.of(new Change(SIZE, Optional.empty()))))
                .isTrue();
        assertThat(properties().of(alice, a).keySet()).containsExactly(COLOUR);
        assertThat(properties().of(bob, a)).isEmpty();
    }

    @Test
    void deleteForgetsTheTree() {
        for (String p : List.of("docs", "docs/a.txt", "docs/sub/b.txt", "docsx")) {
            properties().apply(alice, ItemPath.parse(p), List.of(new Change(SIZE, v(p))));
        }
        properties().delete(alice, ItemPath.parse("docs"));
        assertThat(properties().of(alice, ItemPath.parse("docs"))).isEmpty();
        assertThat(properties().of(alice, ItemPath.parse("docs/sub/b.txt"))).isEmpty();
        assertThat(properties().of(alice, ItemPath.parse("docsx"))).containsEntry(SIZE, "docsx");
    }

    @Test
    void aMoveTakesTheTreesPropertiesAndACopyCopiesThem() {
        for (String p : List.of("docs", "docs/a.txt", "docs/sub/b.txt", "dest/old.txt", "dest")) {
            properties().apply(alice, ItemPath.parse(p), List.of(new Change(SIZE, v(p))));
        }
        properties().transfer(alice, ItemPath.parse("docs"), ItemPath.parse("dest"), true, true);
        assertThat(properties().of(alice, ItemPath.parse("docs"))).isEmpty();
        assertThat(properties().of(alice, ItemPath.parse("docs/a.txt"))).isEmpty();
        assertThat(properties().of(alice, ItemPath.parse("dest"))).containsEntry(SIZE, "docs");
        assertThat(properties().of(alice, ItemPath.parse("dest/sub/b.txt"))).containsEntry(SIZE, "docs/sub/b.txt");
        // what was at the destination is replaced
        assertThat(properties().of(alice, ItemPath.parse("dest/old.txt"))).isEmpty();

        properties().transfer(alice, ItemPath.parse("dest"), ItemPath.parse("copy"), true, false);
        assertThat(properties().of(alice, ItemPath.parse("copy/a.txt"))).containsEntry(SIZE, "docs/a.txt");
        assertThat(properties().of(alice, ItemPath.parse("dest/a.txt"))).containsEntry(SIZE, "docs/a.txt");

        properties().transfer(alice, ItemPath.parse("dest"), ItemPath.parse("shallow"), false, false);
        assertThat(properties().of(alice, ItemPath.parse("shallow"))).containsEntry(SIZE, "docs");
        assertThat(properties().of(alice, ItemPath.parse("shallow/a.txt"))).isEmpty();
    }

    @Test
    void pathsWithLikeWildcardsAreNotPatterns() {
        properties().apply(alice, ItemPath.parse("a_b/x"), List.of(new Change(SIZE, v("1"))));
        properties().apply(alice, ItemPath.parse("a%/y"), List.of(new Change(SIZE, v("2"))));
        properties().delete(alice, ItemPath.parse("a_"));
        properties().delete(alice, ItemPath.parse("a"));
        assertThat(properties().of(alice, ItemPath.parse("a_b/x"))).isNotEmpty();
        assertThat(properties().of(alice, ItemPath.parse("a%/y"))).isNotEmpty();
    }
}
