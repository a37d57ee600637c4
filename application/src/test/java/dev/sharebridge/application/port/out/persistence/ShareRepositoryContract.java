package dev.sharebridge.application.port.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link ShareRepository} must show. Extend it once per implementation (H2,
 * PostgreSQL, an in-memory fake) and supply an empty store before each test.
 */
public abstract class ShareRepositoryContract {

    /** Stored instants have millisecond precision; every instant in this suite has it too. */
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07.891Z");

    protected static final UserId ALICE = UserId.of("alice");
    protected static final UserId BOB = UserId.of("bob");

    /** A newest-first order the listing must follow: created_at desc, then the id's text desc. */
    private static final Comparator<Share> NEWEST_FIRST = Comparator.comparing(Share::createdAt)
            .thenComparing(s -> s.id().toString())
            .reversed();

    private int tokens;

    /** Makes the store empty (or a new, empty one) before each test. */
    protected abstract void emptyStore() throws Exception;

    /** The repository under test; the same instance throughout one test. */
    protected abstract ShareRepository shares();

    @BeforeEach
    final void startEmpty() throws Exception {
        emptyStore();
    }

    // ---- fixtures -------------------------------------------------------------------------------

    private ShareToken nextToken() {
        return token(String.format(Locale.ROOT, "tok%029d", ++tokens));
    }

    private static ShareToken token(String text) {
        return ShareToken.parse(text).orElseThrow();
    }

    private static ShareId id(long n) {
        return new ShareId(new UUID(0, n));
    }

    /** A plain user-space folder share: no password, expiry, label or limit. */
    private Share share(UserId owner, String path, Instant createdAt) {
        return share(ShareId.random(), owner, path, createdAt, Optional.empty(), Optional.empty());
    }

    private Share share(ShareId id, UserId owner, String path, Instant createdAt) {
        return share(id, owner, path, createdAt, Optional.empty(), Optional.empty());
    }

    private Share roomLink(UserId owner, RoomId room, String path) {
        return share(ShareId.random(), owner, path, T0, Optional.of(room), Optional.empty());
    }

    private Share reshare(Share parent, String path) {
        return share(
                ShareId.random(),
                parent.createdBy(),
                path,
                parent.createdAt().plusSeconds(1),
                Optional.empty(),
                Optional.of(parent.id()));
    }

    private Share share(
            ShareId id, UserId owner, String path, Instant createdAt, Optional<RoomId> room, Optional<ShareId> parent) {
        return new Share(
                id,
                ItemPath.parse(path),
                ItemType.FOLDER,
                room,
                nextToken(),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                createdAt,
                owner,
                parent);
    }

    private Share stored(Share share) {
        shares().insert(share);
        return share;
    }

    private Share reload(Share share) {
        return shares().findById(share.id()).orElseThrow();
    }

    private static List<ShareId> ids(List<Share> list) {
        return list.stream().map(Share::id).toList();
    }

    /** Every message in the cause chain, so a test can check that no secret is in any of them. */
    private static String messagesOf(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    // ---- insert, findById, findByToken --------------------------------------------------------

    @Test
    void everyFieldRoundTrips() {
        Share parent = stored(share(ALICE, "/Fotos", T0));
        Share full = new Share(
                ShareId.random(),
                ItemPath.parse("/Fotos/Sommer ☀/bild 1.jpg"),
                ItemType.FILE,
                Optional.of(RoomId.random()),
                nextToken(),
                Optional.of("$2a$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"),
                Optional.of(T0.plus(Duration.ofDays(2)).plusMillis(7)),
                new SharePermissions(false, true, true),
                Optional.of("Bericht – Q1 ✓ \"quoted\" 'single' %_!"),
                Optional.of(9_000_000_000L),
                3,
                Optional.of(T0.plusMillis(123)),
                T0.plusMillis(1),
                ALICE,
                Optional.of(parent.id()));

        shares().insert(full);

        Share back = reload(full);
        assertThat(back).isEqualTo(full);
        assertThat(back.expiresAt()).contains(T0.plus(Duration.ofDays(2)).plusMillis(7));
        assertThat(back.lastAccessedAt()).contains(T0.plusMillis(123));
        assertThat(back.createdAt()).isEqualTo(T0.plusMillis(1));
        assertThat(back.accessCount()).isEqualTo(3);
        assertThat(back.maxAccesses()).contains(9_000_000_000L);
    }

    @Test
    void absentOptionalsRoundTripAsAbsent() {
        Share plain = stored(share(ALICE, "/", T0));

        Share back = reload(plain);

        assertThat(back).isEqualTo(plain);
        assertThat(back.roomId()).isEmpty();
        assertThat(back.passwordHash()).isEmpty();
        assertThat(back.expiresAt()).isEmpty();
        assertThat(back.label()).isEmpty();
        assertThat(back.maxAccesses()).isEmpty();
        assertThat(back.lastAccessedAt()).isEmpty();
        assertThat(back.parentId()).isEmpty();
        assertThat(back.itemPath().isRoot()).isTrue();
    }

    @Test
    void unknownIdIsEmpty() {
        stored(share(ALICE, "/a", T0));

        assertThat(shares().findById(ShareId.random())).isEmpty();
    }

    @Test
    void insertingATakenIdFailsAndKeepsTheStoredShare() {
        Share first = stored(share(id(1), ALICE, "/a", T0));
        Share sameId = share(id(1), BOB, "/b", T0.plusSeconds(1));

        assertThatThrownBy(() -> shares().insert(sameId)).isInstanceOf(IllegalStateException.class);

        assertThat(reload(first)).isEqualTo(first);
        assertThat(shares().findByToken(sameId.token())).isEmpty();
    }

    @Test
    void insertingATakenTokenFailsAndKeepsTheStoredShare() {
        Share first = stored(share(ALICE, "/a", T0));
        Share sameToken = new Share(
                ShareId.random(),
                ItemPath.parse("/b"),
                ItemType.FOLDER,
                Optional.empty(),
                first.token(),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                T0,
                BOB,
                Optional.empty());

        assertThatThrownBy(() -> shares().insert(sameToken))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e ->
                        assertThat(messagesOf(e)).doesNotContain(first.token().value()));

        assertThat(shares().findById(sameToken.id())).isEmpty();
        assertThat(shares().findByToken(first.token())).contains(first);
    }

    @Test
    void findsAShareByItsToken() {
        Share a = stored(share(ALICE, "/a", T0));
        Share b = stored(share(BOB, "/b", T0));

        assertThat(shares().findByToken(a.token())).contains(a);
        assertThat(shares().findByToken(b.token())).contains(b);
        assertThat(shares().findByToken(nextToken())).isEmpty();
    }

    @Test
    void tokensAreComparedByteForByte() {
        ShareToken mixed = token("AbCdEfGhIjKlMnOpQrStUvWxYz012345");
        ShareToken swapped = token("aBcDeFgHiJkLmNoPqRsTuVwXyZ012345");
        ShareToken upper = token("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345");
        Share first = stored(new Share(
                ShareId.random(),
                ItemPath.parse("/a"),
                ItemType.FOLDER,
                Optional.empty(),
                mixed,
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                T0,
                ALICE,
                Optional.empty()));

        assertThat(shares().findByToken(swapped)).isEmpty();
        assertThat(shares().findByToken(upper)).isEmpty();

        // a token differing only by case is a different token, so it may be stored beside the first
        Share second = stored(new Share(
                ShareId.random(),
                ItemPath.parse("/b"),
                ItemType.FOLDER,
                Optional.empty(),
                swapped,
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                0,
                Optional.empty(),
                T0,
                ALICE,
                Optional.empty()));
        assertThat(shares().findByToken(mixed)).contains(first);
        assertThat(shares().findByToken(swapped)).contains(second);
    }

    // ---- listByOwner ---------------------------------------------------------------------------

    @Test
    void listsTheOwnersUserSpaceSharesNewestFirst() {
        Share older = stored(share(ALICE, "/a", T0));
        Share newer = stored(share(ALICE, "/b", T0.plusMillis(1)));
        stored(share(BOB, "/a", T0.plusSeconds(9)));
        stored(roomLink(ALICE, RoomId.random(), "/room"));

        SharePage page = shares().listByOwner(ALICE, Optional.empty(), 10, Optional.empty());

        assertThat(ids(page.items())).containsExactly(newer.id(), older.id());
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void equalCreationTimesAreOrderedByIdDescending() {
        Share one = stored(share(id(1), ALICE, "/a", T0));
        Share three = stored(share(id(3), ALICE, "/c", T0));
        Share two = stored(share(id(2), ALICE, "/b", T0));

        SharePage page = shares().listByOwner(ALICE, Optional.empty(), 10, Optional.empty());

        assertThat(ids(page.items())).containsExactly(three.id(), two.id(), one.id());
    }

    @Test
    void pagesCoverEveryShareOnceInOrder() {
        List<Share> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // pairs of equal creation times make the id the tie-breaker across page borders
            expected.add(stored(share(ALICE, "/f" + i, T0.plusMillis(i / 2))));
        }
        stored(share(BOB, "/f", T0));
        stored(roomLink(ALICE, RoomId.random(), "/r"));
        expected.sort(NEWEST_FIRST);

        List<Share> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            SharePage page = shares().listByOwner(ALICE, Optional.empty(), 3, cursor);
            seen.addAll(page.items());
            sizes.add(page.items().size());
            cursor = page.nextCursor();
        } while (cursor.isPresent() && sizes.size() < 10);

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(ids(seen)).containsExactlyElementsOf(ids(expected));
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        stored(share(ALICE, "/a", T0));
        stored(share(ALICE, "/b", T0.plusMillis(1)));

        SharePage page = shares().listByOwner(ALICE, Optional.empty(), 2, Optional.empty());

        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void anOwnerWithoutSharesGetsAnEmptyPage() {
        stored(share(BOB, "/a", T0));

        SharePage page = shares().listByOwner(ALICE, Optional.empty(), 5, Optional.empty());

        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void theItemFilterKeepsExactlyThatItem() {
        Share a1 = stored(share(ALICE, "/a", T0));
        Share a2 = stored(share(ALICE, "/a", T0.plusMillis(5)));
        stored(share(ALICE, "/a/b", T0));
        stored(share(ALICE, "/ab", T0));
        stored(share(BOB, "/a", T0));
        stored(roomLink(ALICE, RoomId.random(), "/a"));

        SharePage page = shares().listByOwner(ALICE, Optional.of(ItemPath.parse("/a")), 10, Optional.empty());

        assertThat(ids(page.items())).containsExactly(a2.id(), a1.id());
    }

    @Test
    void theItemFilterPagesToo() {
        List<Share> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            expected.add(stored(share(ALICE, "/x", T0.plusMillis(i))));
            stored(share(ALICE, "/y", T0.plusMillis(i)));
        }
        expected.sort(NEWEST_FIRST);
        Optional<ItemPath> x = Optional.of(ItemPath.parse("/x"));

        SharePage first = shares().listByOwner(ALICE, x, 2, Optional.empty());
        SharePage second = shares().listByOwner(ALICE, x, 2, first.nextCursor());

        assertThat(ids(first.items())).containsExactlyElementsOf(ids(expected.subList(0, 2)));
        assertThat(first.nextCursor()).isPresent();
        assertThat(ids(second.items())).containsExactlyElementsOf(ids(expected.subList(2, 3)));
        assertThat(second.nextCursor()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage!", "AAAA", "aGVsbG8gd29ybGQ", "../../etc", "' OR 1=1 --"})
    void aCursorTheRepositoryDidNotMakeIsRejected(String cursor) {
        stored(share(ALICE, "/a", T0));

        assertThatThrownBy(() -> shares().listByOwner(ALICE, Optional.empty(), 5, Optional.of(cursor)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    @Test
    void aCursorOfForeignShapeIsRejected() {
        String fake = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("1.not-a-number.also-not-an-id".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> shares().listByOwner(ALICE, Optional.empty(), 5, Optional.of(fake)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("cursor"));
    }

    // ---- findByOwnerAndPathPrefix, findChildren ------------------------------------------------

    @Test
    void aPathPrefixIsAWholeNumberOfSegments() {
        Share a = stored(share(ALICE, "/a", T0));
        Share ab = stored(share(ALICE, "/a/b", T0));
        Share deep = stored(share(ALICE, "/a/b/c d", T0));
        stored(share(ALICE, "/ab", T0));
        stored(share(ALICE, "/b/a", T0));
        stored(share(BOB, "/a", T0));
        stored(roomLink(ALICE, RoomId.random(), "/a"));

        List<Share> found = shares().findByOwnerAndPathPrefix(ALICE, ItemPath.parse("/a"));

        assertThat(ids(found)).containsExactlyInAnyOrder(a.id(), ab.id(), deep.id());
    }

    @Test
    void theRootPrefixReachesEveryUserSpaceShareOfTheOwner() {
        Share root = stored(share(ALICE, "/", T0));
        Share a = stored(share(ALICE, "/a", T0));
        Share b = stored(share(ALICE, "/b/c", T0));
        stored(share(BOB, "/a", T0));
        stored(roomLink(ALICE, RoomId.random(), "/a"));

        List<Share> found = shares().findByOwnerAndPathPrefix(ALICE, ItemPath.root());

        assertThat(ids(found)).containsExactlyInAnyOrder(root.id(), a.id(), b.id());
    }

    @Test
    void wildcardCharactersInPathsMatchOnlyThemselves() {
        Share underscore = stored(share(ALICE, "/a_/y", T0));
        stored(share(ALICE, "/ab/y", T0));
        Share percent = stored(share(ALICE, "/a%/z", T0));
        stored(share(ALICE, "/abc/z", T0));
        Share bang = stored(share(ALICE, "/a!/k", T0));
        stored(share(ALICE, "/a!!/k", T0));
        Share brackets = stored(share(ALICE, "/a[b]/k", T0));
        stored(share(ALICE, "/ab/k", T0));

        assertThat(ids(shares().findByOwnerAndPathPrefix(ALICE, ItemPath.parse("/a_"))))
                .containsExactly(underscore.id());
        assertThat(ids(shares().findByOwnerAndPathPrefix(ALICE, ItemPath.parse("/a%"))))
                .containsExactly(percent.id());
        assertThat(ids(shares().findByOwnerAndPathPrefix(ALICE, ItemPath.parse("/a!"))))
                .containsExactly(bang.id());
        assertThat(ids(shares().findByOwnerAndPathPrefix(ALICE, ItemPath.parse("/a[b]"))))
                .containsExactly(brackets.id());
    }

    @Test
    void findsDirectChildrenOnly() {
        Share parent = stored(share(ALICE, "/a", T0));
        Share child1 = stored(reshare(parent, "/a"));
        Share child2 = stored(reshare(parent, "/a/b"));
        stored(reshare(child1, "/a/c"));
        stored(share(ALICE, "/a", T0));

        assertThat(ids(shares().findChildren(parent.id()))).containsExactlyInAnyOrder(child1.id(), child2.id());
        assertThat(shares().findChildren(child2.id())).isEmpty();
        assertThat(shares().findChildren(ShareId.random())).isEmpty();
    }

    // ---- update --------------------------------------------------------------------------------

    @Test
    void updateReplacesEveryMutableField() {
        Share original = stored(share(ALICE, "/a", T0));
        Share changed = original.withPasswordHash(
                        Optional.of("$2a$12$hashhashhashhashhashhuHASHHASHHASHHASHHASHHASHHASHHAS"))
                .withExpiresAt(Optional.of(T0.plus(Duration.ofHours(5)).plusMillis(3)))
                .withPermissions(new SharePermissions(true, true, true))
                .withLabel(Optional.of("for the team"))
                .withMaxAccesses(Optional.of(5L));

        assertThat(shares().update(changed)).isTrue();
        assertThat(reload(original)).isEqualTo(changed);

        // and clears them again
        assertThat(shares().update(original)).isTrue();
        assertThat(reload(original)).isEqualTo(original);
    }

    @Test
    void updateLeavesTheOtherFieldsAlone() {
        Share original = stored(share(ALICE, "/a", T0));
        shares().recordAccess(LinkChain.of(original), T0.plusSeconds(1));
        Share stale = new Share(
                original.id(),
                ItemPath.parse("/elsewhere"),
                ItemType.FILE,
                Optional.of(RoomId.random()),
                nextToken(),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.READ_WRITE,
                Optional.of("new"),
                Optional.empty(),
                0,
                Optional.empty(),
                T0.plusSeconds(99),
                BOB,
                Optional.empty());

        assertThat(shares().update(stale)).isTrue();

        Share back = reload(original);
        assertThat(back.permissions()).isEqualTo(SharePermissions.READ_WRITE);
        assertThat(back.label()).contains("new");
        assertThat(back.itemPath()).isEqualTo(original.itemPath());
        assertThat(back.itemType()).isEqualTo(original.itemType());
        assertThat(back.roomId()).isEmpty();
        assertThat(back.token()).isEqualTo(original.token());
        assertThat(back.createdAt()).isEqualTo(original.createdAt());
        assertThat(back.createdBy()).isEqualTo(ALICE);
        assertThat(back.accessCount()).isEqualTo(1);
        assertThat(back.lastAccessedAt()).contains(T0.plusSeconds(1));
        assertThat(shares().findByToken(stale.token())).isEmpty();
    }

    @Test
    void updatingAMissingShareAnswersFalseAndStoresNothing() {
        Share ghost = share(ALICE, "/a", T0);

        assertThat(shares().update(ghost)).isFalse();

        assertThat(shares().findById(ghost.id())).isEmpty();
    }

    // ---- recordAccess --------------------------------------------------------------------------

    @Test
    void recordAccessCountsAndRemembersTheTime() {
        Share s = stored(share(ALICE, "/a", T0));

        assertThat(shares().recordAccess(LinkChain.of(s), T0.plusMillis(10))).isTrue();
        assertThat(shares().recordAccess(LinkChain.of(s), T0.plusMillis(20))).isTrue();

        Share back = reload(s);
        assertThat(back.accessCount()).isEqualTo(2);
        assertThat(back.lastAccessedAt()).contains(T0.plusMillis(20));
    }

    @Test
    void recordAccessOnAMissingShareAnswersFalse() {
        assertThat(shares().recordAccess(LinkChain.of(share(ALICE, "/a", T0)), T0))
                .isFalse();
    }

    @Test
    void recordAccessStopsAtMaxAccesses() {
        Share s = stored(share(ALICE, "/a", T0).withMaxAccesses(Optional.of(2L)));

        assertThat(shares().recordAccess(LinkChain.of(s), T0.plusMillis(1))).isTrue();
        assertThat(shares().recordAccess(LinkChain.of(s), T0.plusMillis(2))).isTrue();
        assertThat(shares().recordAccess(LinkChain.of(s), T0.plusMillis(3))).isFalse();

        Share back = reload(s);
        assertThat(back.accessCount()).isEqualTo(2);
        assertThat(back.lastAccessedAt()).contains(T0.plusMillis(2));
    }

    @Test
    void recordAccessRefusesFromTheMomentOfExpiry() {
        Instant expiry = T0.plus(Duration.ofDays(1));
        Share s = stored(share(ALICE, "/a", T0).withExpiresAt(Optional.of(expiry)));

        assertThat(shares().recordAccess(LinkChain.of(s), expiry.minusMillis(1)))
                .isTrue();
        assertThat(shares().recordAccess(LinkChain.of(s), expiry)).isFalse();
        assertThat(shares().recordAccess(LinkChain.of(s), expiry.plusMillis(1))).isFalse();

        Share back = reload(s);
        assertThat(back.accessCount()).isEqualTo(1);
        assertThat(back.lastAccessedAt()).contains(expiry.minusMillis(1));
    }

    @Test
    void concurrentAccessesAreCountedExactly() throws Exception {
        Share s = stored(share(ALICE, "/a", T0));

        List<Boolean> results = concurrently(100, 16, () -> shares().recordAccess(LinkChain.of(s), T0.plusSeconds(1)));

        assertThat(results).hasSize(100).containsOnly(true);
        assertThat(reload(s).accessCount()).isEqualTo(100);
    }

    @Test
    void concurrentAccessesNeverPassMaxAccesses() throws Exception {
        Share s = stored(share(ALICE, "/a", T0).withMaxAccesses(Optional.of(7L)));

        List<Boolean> results = concurrently(60, 16, () -> shares().recordAccess(LinkChain.of(s), T0.plusSeconds(1)));

        assertThat(results.stream().filter(ok -> ok).count()).isEqualTo(7);
        assertThat(reload(s).accessCount()).isEqualTo(7);
    }

    // ---- recordAccess through reshared links --------------------------------------------------

    private Share limitedTo(Share share, long max) {
        return share.withMaxAccesses(Optional.of(max));
    }

    private static LinkChain chain(Share... linkFirst) {
        return LinkChain.of(List.of(linkFirst));
    }

    @Test
    void findAncestorsGoesUpToTheLinkThatWasNotReshared() {
        Share root = stored(share(ALICE, "/a", T0));
        Share child = stored(reshare(root, "/a"));
        Share grandchild = stored(reshare(child, "/a"));
        stored(reshare(root, "/a"));

        assertThat(ids(shares().findAncestors(grandchild))).containsExactly(child.id(), root.id());
        assertThat(ids(shares().findAncestors(child))).containsExactly(root.id());
        assertThat(shares().findAncestors(root)).isEmpty();
        assertThat(shares().findAncestors(grandchild).get(0)).isEqualTo(child);
    }

    @Test
    void findAncestorsStopsAtAGapSoTheCallerSeesTheChainIsBroken() {
        Share root = stored(share(ALICE, "/a", T0));
        Share child = stored(reshare(root, "/a"));
        Share grandchild = stored(reshare(child, "/a"));
        shares().deleteWithDescendants(child.id());

        List<Share> ancestors = shares().findAncestors(grandchild);

        assertThat(ancestors.isEmpty()
                        || ancestors.get(ancestors.size() - 1).parentId().isPresent())
                .isTrue();
    }

    @Test
    void findAncestorsReadsAtMostFifteenLinks() {
        Share link = stored(share(ALICE, "/a", T0));
        for (int i = 0; i < LinkChain.MAX_LENGTH + 2; i++) {
            link = stored(reshare(link, "/a"));
        }

        List<Share> ancestors = shares().findAncestors(link);

        assertThat(ancestors).hasSize(LinkChain.MAX_LENGTH - 1);
        assertThat(ancestors.get(ancestors.size() - 1).parentId()).isPresent();
    }

    @Test
    void anAccessThroughASubLinkCountsAgainstEveryLinkOfItsChain() {
        Share root = stored(limitedTo(share(ALICE, "/a", T0), 3));
        Share child = stored(reshare(root, "/a"));
        Share grandchild = stored(reshare(child, "/a"));

        assertThat(shares().recordAccess(chain(grandchild, child, root), T0.plusMillis(10)))
                .isTrue();
        assertThat(shares().recordAccess(chain(child, root), T0.plusMillis(20))).isTrue();

        assertThat(reload(root).accessCount()).isEqualTo(2);
        assertThat(reload(root).lastAccessedAt()).contains(T0.plusMillis(20));
        assertThat(reload(child).accessCount()).isEqualTo(2);
        assertThat(reload(grandchild).accessCount()).isEqualTo(1);
        assertThat(reload(grandchild).lastAccessedAt()).contains(T0.plusMillis(10));
    }

    @Test
    void aUsedUpAncestorRefusesTheAccessAndNothingIsCounted() {
        Share root = stored(limitedTo(share(ALICE, "/a", T0), 1));
        Share child = stored(reshare(root, "/a"));
        assertThat(shares().recordAccess(LinkChain.of(root), T0.plusMillis(1))).isTrue();

        assertThat(shares().recordAccess(chain(child, root), T0.plusMillis(2))).isFalse();

        assertThat(reload(child).accessCount()).isZero();
        assertThat(reload(child).lastAccessedAt()).isEmpty();
        assertThat(reload(root).accessCount()).isEqualTo(1);
    }

    @Test
    void anExpiredOrDeletedAncestorRefusesTheAccess() {
        Instant expiry = T0.plus(Duration.ofDays(1));
        Share root = stored(share(ALICE, "/a", T0).withExpiresAt(Optional.of(expiry)));
        Share child = stored(reshare(root, "/a"));

        assertThat(shares().recordAccess(chain(child, root), expiry)).isFalse();
        assertThat(reload(child).accessCount()).isZero();

        shares().deleteWithDescendants(root.id());
        assertThat(shares().recordAccess(chain(child, root), expiry.minusSeconds(1)))
                .isFalse();
    }

    @Test
    void theTighterOfALinksOwnLimitAndItsParentsWins() {
        Share root = stored(limitedTo(share(ALICE, "/a", T0), 3));
        Share roomy = stored(limitedTo(reshare(root, "/a"), 5));
        Share tight = stored(limitedTo(reshare(root, "/a"), 1));

        assertThat(shares().recordAccess(chain(tight, root), T0.plusMillis(1))).isTrue();
        assertThat(shares().recordAccess(chain(tight, root), T0.plusMillis(2)))
                .as("its own limit")
                .isFalse();
        assertThat(shares().recordAccess(chain(roomy, root), T0.plusMillis(3))).isTrue();
        assertThat(shares().recordAccess(chain(roomy, root), T0.plusMillis(4))).isTrue();
        assertThat(shares().recordAccess(chain(roomy, root), T0.plusMillis(5)))
                .as("the parent's limit")
                .isFalse();
        assertThat(shares().recordAccess(LinkChain.of(root), T0.plusMillis(6))).isFalse();

        assertThat(reload(root).accessCount()).isEqualTo(3);
        assertThat(reload(roomy).accessCount()).isEqualTo(2);
        assertThat(reload(tight).accessCount()).isEqualTo(1);
    }

    @Test
    void concurrentAccessesThroughSeveralSubLinksNeverPassTheParentsMaxAccesses() throws Exception {
        Share root = stored(limitedTo(share(ALICE, "/a", T0), 20));
        List<LinkChain> chains = new ArrayList<>();
        List<Share> children = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Share child = stored(reshare(root, "/a"));
            children.add(child);
            chains.add(chain(child, root));
        }
        Share grandchild = stored(reshare(children.get(0), "/a"));
        chains.add(chain(grandchild, children.get(0), root));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        List<Boolean> results = concurrently(
                120,
                16,
                () -> shares().recordAccess(chains.get(next.getAndIncrement() % chains.size()), T0.plusSeconds(1)));

        assertThat(results.stream().filter(ok -> ok).count()).isEqualTo(20);
        assertThat(reload(root).accessCount()).isEqualTo(20);
        assertThat(children.stream().mapToLong(c -> reload(c).accessCount()).sum())
                .isEqualTo(20);
    }

    @Test
    void concurrentAccessesThroughUnlimitedSubLinksAsTheOpenPathMakesThemAreAllCounted() throws Exception {
        Share root = stored(share(ALICE, "/a", T0));
        List<Share> children =
                List.of(stored(reshare(root, "/a")), stored(reshare(root, "/a")), stored(reshare(root, "/a")));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

        List<Boolean> results = concurrently(90, 16, () -> {
            // as the open path does: the link by token, its parent by id, then the count
            Share child = shares().findByToken(
                            children.get(next.getAndIncrement() % 3).token())
                    .orElseThrow();
            List<Share> links = new ArrayList<>(List.of(child));
            links.addAll(shares().findAncestors(child));
            return shares().recordAccess(LinkChain.of(links), T0.plusSeconds(1));
        });

        assertThat(results).hasSize(90).containsOnly(true);
        assertThat(reload(root).accessCount()).isEqualTo(90);
        for (Share child : children) {
            assertThat(reload(child).accessCount()).isEqualTo(30);
        }
    }

    /** Runs {@code calls} calls on {@code threads} threads, all released at once. */
    private static List<Boolean> concurrently(int calls, int threads, java.util.concurrent.Callable<Boolean> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Boolean> results = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- recordAccesses (a batch) ---------------------------------------------------------------

    @Test
    void aBatchGrantsALinkWhatIsLeftOfItsLimitInTheOrderGiven() {
        Share limited = stored(share(ALICE, "/a", T0).withMaxAccesses(Optional.of(3L)));
        Share unlimited = stored(share(ALICE, "/b", T0));
        assertThat(shares().recordAccess(LinkChain.of(limited), T0.plusMillis(1)))
                .isTrue();
        List<LinkAccess> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(new LinkAccess(LinkChain.of(limited), T0.plusMillis(10 + i)));
            batch.add(new LinkAccess(LinkChain.of(unlimited), T0.plusMillis(10 + i)));
        }

        assertThat(shares().recordAccesses(batch)).containsExactly(true, true, true, true, false, true, false, true);

        assertThat(reload(limited).accessCount()).isEqualTo(3);
        assertThat(reload(limited).lastAccessedAt()).as("the latest granted").contains(T0.plusMillis(11));
        assertThat(reload(unlimited).accessCount()).isEqualTo(4);
        assertThat(reload(unlimited).lastAccessedAt()).contains(T0.plusMillis(13));
    }

    @Test
    void aBatchChecksEveryLinkOfEachChainAndSkipsMissingAndExpiredOnes() {
        Instant expiry = T0.plusSeconds(10);
        Share root = stored(share(ALICE, "/a", T0).withMaxAccesses(Optional.of(2L)));
        Share child = stored(reshare(root, "/a/b"));
        Share expiring = stored(share(ALICE, "/c", T0).withExpiresAt(Optional.of(expiry)));
        Share missing = share(ALICE, "/d", T0);

        List<Boolean> granted = shares().recordAccesses(List.of(
                new LinkAccess(chain(child, root), T0.plusMillis(1)),
                new LinkAccess(LinkChain.of(missing), T0.plusMillis(1)),
                new LinkAccess(LinkChain.of(root), T0.plusMillis(2)),
                new LinkAccess(chain(child, root), T0.plusMillis(3)),
                new LinkAccess(LinkChain.of(expiring), expiry.minusMillis(1)),
                new LinkAccess(LinkChain.of(expiring), expiry)));

        assertThat(granted).containsExactly(true, false, true, false, true, false);
        assertThat(reload(root).accessCount()).isEqualTo(2);
        assertThat(reload(child).accessCount())
                .as("its refused access changed nothing")
                .isEqualTo(1);
        assertThat(reload(expiring).accessCount()).isEqualTo(1);
        assertThat(shares().recordAccesses(List.of())).isEmpty();
    }

    @Test
    void concurrentBatchesNeverExceedALimit() throws Exception {
        Share root = stored(share(ALICE, "/a", T0).withMaxAccesses(Optional.of(25L)));
        Share child = stored(reshare(root, "/a/b"));
        List<LinkAccess> batch = List.of(
                new LinkAccess(LinkChain.of(root), T0.plusSeconds(1)),
                new LinkAccess(chain(child, root), T0.plusSeconds(1)),
                new LinkAccess(chain(child, root), T0.plusSeconds(1)));

        List<List<Boolean>> results = concurrentlyAll(20, 8, () -> shares().recordAccesses(batch));

        long granted = results.stream().flatMap(List::stream).filter(b -> b).count();
        assertThat(granted).isEqualTo(25);
        assertThat(reload(root).accessCount()).isEqualTo(25);
    }

    private static <T> List<T> concurrentlyAll(int calls, int threads, java.util.concurrent.Callable<T> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- deletes -------------------------------------------------------------------------------

    @Test
    void deleteWithDescendantsRemovesTheWholeSubtree() {
        Share root = stored(share(ALICE, "/a", T0));
        Share child = stored(reshare(root, "/a/b"));
        Share grandchild = stored(reshare(child, "/a/b/c"));
        Share sibling = stored(reshare(root, "/a/d"));
        Share other = stored(share(ALICE, "/a", T0));

        assertThat(shares().deleteWithDescendants(root.id())).isEqualTo(4);

        for (Share gone : List.of(root, child, grandchild, sibling)) {
            assertThat(shares().findById(gone.id())).isEmpty();
        }
        assertThat(shares().findByToken(grandchild.token())).isEmpty();
        assertThat(reload(other)).isEqualTo(other);
    }

    @Test
    void deleteWithDescendantsOfAMiddleLinkKeepsItsParent() {
        Share root = stored(share(ALICE, "/a", T0));
        Share child = stored(reshare(root, "/a/b"));
        stored(reshare(child, "/a/b/c"));
        Share sibling = stored(reshare(root, "/a/d"));

        assertThat(shares().deleteWithDescendants(child.id())).isEqualTo(2);

        assertThat(ids(shares().findChildren(root.id()))).containsExactly(sibling.id());
        assertThat(shares().findById(root.id())).isPresent();
    }

    @Test
    void deleteWithDescendantsOfAMissingShareDeletesNothing() {
        Share s = stored(share(ALICE, "/a", T0));

        assertThat(shares().deleteWithDescendants(ShareId.random())).isZero();

        assertThat(shares().findById(s.id())).isPresent();
    }

    @Test
    void deleteByOwnerAndPathPrefixRemovesTheSubtreeOfItemsAndOfLinks() {
        Share a = stored(share(ALICE, "/a", T0));
        Share aChild = stored(reshare(a, "/a/sub"));
        Share aGrandchild = stored(reshare(aChild, "/a/sub/x"));
        Share ab = stored(share(ALICE, "/a/b", T0));
        Share sibling = stored(share(ALICE, "/ab", T0));
        Share roomLink = stored(roomLink(ALICE, RoomId.random(), "/a"));
        Share bobs = stored(share(BOB, "/a", T0));

        // aChild is both below /a and derived from a: it is deleted, and counted, once
        assertThat(shares().deleteByOwnerAndPathPrefix(ALICE, ItemPath.parse("/a")))
                .isEqualTo(4);

        for (Share gone : List.of(a, aChild, aGrandchild, ab)) {
            assertThat(shares().findById(gone.id())).isEmpty();
        }
        for (Share kept : List.of(sibling, roomLink, bobs)) {
            assertThat(reload(kept)).isEqualTo(kept);
        }
        assertThat(shares().deleteByOwnerAndPathPrefix(ALICE, ItemPath.parse("/a")))
                .isZero();
    }

    @Test
    void deleteByOwnerAndPathPrefixTakesDescendantsWhereverTheyPoint() {
        Share a = stored(share(ALICE, "/a", T0));
        // a derived link normally lies below its parent; deletion follows the parent link regardless
        Share odd = stored(share(ShareId.random(), BOB, "/elsewhere", T0, Optional.empty(), Optional.of(a.id())));

        assertThat(shares().deleteByOwnerAndPathPrefix(ALICE, ItemPath.parse("/a")))
                .isEqualTo(2);

        assertThat(shares().findById(odd.id())).isEmpty();
    }

    // ---- moveByOwnerAndPathPrefix --------------------------------------------------------------

    @Test
    void moveRewritesTheItemAndEverythingBelowItButNoSiblingWithALongerName() {
        Share docs = stored(share(ALICE, "/docs", T0));
        Share derived = stored(reshare(docs, "/docs"));
        Share deep = stored(share(ALICE, "/docs/sub/a b.txt", T0));
        Share sibling = stored(share(ALICE, "/docs2", T0));
        Share siblingChild = stored(share(ALICE, "/docs2/x", T0));
        Share bobs = stored(share(BOB, "/docs", T0));
        Share roomLink = stored(roomLink(ALICE, RoomId.random(), "/docs"));

        assertThat(shares().moveByOwnerAndPathPrefix(ALICE, ItemPath.parse("/docs"), ItemPath.parse("/archive/d")))
                .isEqualTo(3);

        assertThat(reload(docs)).isEqualTo(docs.withItemPath(ItemPath.parse("/archive/d")));
        assertThat(reload(derived)).isEqualTo(derived.withItemPath(ItemPath.parse("/archive/d")));
        assertThat(reload(deep)).isEqualTo(deep.withItemPath(ItemPath.parse("/archive/d/sub/a b.txt")));
        for (Share kept : List.of(sibling, siblingChild, bobs, roomLink)) {
            assertThat(reload(kept)).isEqualTo(kept);
        }
        assertThat(shares().findByToken(deep.token()).orElseThrow().itemPath())
                .isEqualTo(ItemPath.parse("/archive/d/sub/a b.txt"));
        assertThat(ids(shares().findByOwnerAndPathPrefix(ALICE, ItemPath.parse("/docs"))))
                .isEmpty();
    }

    @Test
    void moveDeletesTheLinksLeftOnTheDestinationWithTheirDescendants() {
        Share moving = stored(share(ALICE, "/new", T0));
        Share replaced = stored(share(ALICE, "/old", T0));
        Share replacedChild = stored(reshare(replaced, "/old"));
        Share below = stored(share(ALICE, "/old/inner", T0));
        Share bobs = stored(share(BOB, "/old", T0));

        assertThat(shares().moveByOwnerAndPathPrefix(ALICE, ItemPath.parse("/new"), ItemPath.parse("/old")))
                .isEqualTo(1);

        for (Share gone : List.of(replaced, replacedChild, below)) {
            assertThat(shares().findById(gone.id())).isEmpty();
        }
        assertThat(reload(moving)).isEqualTo(moving.withItemPath(ItemPath.parse("/old")));
        assertThat(reload(bobs)).isEqualTo(bobs);
    }

    @Test
    void moveTreatsWildcardsAndCharactersOutsideTheBasicPlaneAsThemselves() {
        Share odd = stored(share(ALICE, "/a_%!\uD83D\uDE00/\u00FC", T0));
        Share lookalike = stored(share(ALICE, "/ab%!\uD83D\uDE00/\u00FC", T0));

        assertThat(shares().moveByOwnerAndPathPrefix(
                                ALICE, ItemPath.parse("/a_%!\uD83D\uDE00"), ItemPath.parse("/\uD83D\uDE01 x")))
                .isEqualTo(1);

        assertThat(reload(odd).itemPath()).isEqualTo(ItemPath.parse("/\uD83D\uDE01 x/\u00FC"));
        assertThat(reload(lookalike)).isEqualTo(lookalike);
    }

    @Test
    void moveOfAPathWithoutLinksChangesNothing() {
        Share other = stored(share(ALICE, "/kept", T0));

        assertThat(shares().moveByOwnerAndPathPrefix(ALICE, ItemPath.parse("/none"), ItemPath.parse("/else")))
                .isZero();

        assertThat(reload(other)).isEqualTo(other);
    }

    @Test
    void deleteByOwnerRemovesUserSpaceAndRoomLinksWithDescendants() {
        Share own = stored(share(ALICE, "/a", T0));
        Share ownChild = stored(reshare(own, "/a/b"));
        Share room = stored(roomLink(ALICE, RoomId.random(), "/meeting"));
        Share roomChild = stored(reshare(room, "/meeting/x"));
        Share bobs = stored(share(BOB, "/a", T0));

        assertThat(shares().deleteByOwner(ALICE)).isEqualTo(4);

        for (Share gone : List.of(own, ownChild, room, roomChild)) {
            assertThat(shares().findById(gone.id())).isEmpty();
        }
        assertThat(reload(bobs)).isEqualTo(bobs);
        assertThat(shares().deleteByOwner(ALICE)).isZero();
    }

    @Test
    void deleteByRoomRemovesThatRoomsLinksWithDescendants() {
        RoomId meeting = RoomId.random();
        Share readWrite = stored(roomLink(ALICE, meeting, "/sharebridge-room-1"));
        Share read = stored(roomLink(ALICE, meeting, "/sharebridge-room-1"));
        Share derived = stored(reshare(read, "/sharebridge-room-1/sub"));
        Share otherRoom = stored(roomLink(ALICE, RoomId.random(), "/sharebridge-room-2"));
        Share userSpace = stored(share(ALICE, "/sharebridge-room-1", T0));

        assertThat(shares().deleteByRoom(meeting)).isEqualTo(3);

        for (Share gone : List.of(readWrite, read, derived)) {
            assertThat(shares().findById(gone.id())).isEmpty();
        }
        assertThat(reload(otherRoom)).isEqualTo(otherRoom);
        assertThat(reload(userSpace)).isEqualTo(userSpace);
        assertThat(shares().deleteByRoom(RoomId.random())).isZero();
    }
}
