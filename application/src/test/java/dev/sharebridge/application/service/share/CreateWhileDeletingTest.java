package dev.sharebridge.application.service.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ReshareCommand;
import dev.sharebridge.application.port.in.share.NewShareCommand;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Deletion;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.service.file.FileService;
import dev.sharebridge.application.service.publicshare.PublicShareServices;
import dev.sharebridge.application.service.user.UserService;
import dev.sharebridge.application.testing.FakePasswordHasher;
import dev.sharebridge.application.testing.FakePasswordStrength;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.application.testing.InMemoryDeletionFence;
import dev.sharebridge.application.testing.InMemoryMoveJournal;
import dev.sharebridge.application.testing.InMemoryParticipantRegistry;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryUserRepository;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.application.testing.Pause;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 2: a link created while its item is being deleted must not survive the delete
 * (it would later serve whatever is written at that path). Each test forces one interleaving with
 * latches: the creation paused between looking at the item and storing its link (in the hash), or
 * the deletion paused inside the storage call.
 */
class CreateWhileDeletingTest {
    private static final String PASSWORD = "correct horse battery";
    private final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    private final InMemoryShareRepository shares = new InMemoryShareRepository();
    private final InMemoryDeletionFence fence = new InMemoryDeletionFence(shares);
    private final InMemoryStorageProvider files = new InMemoryStorageProvider(clock);
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final SecureRandom random = new SecureRandom();
    private final ShareSettings settings = ShareSettings.defaults("https://share.example.org");
    private final ShareLinkService links =
            new ShareLinkService(shares, files, hasher, new FakePasswordStrength(), fence, clock, random, settings);
    private final FileService fileService = new FileService(
            files,
            shares,
            fence,
            new InMemoryMoveJournal(shares, new InMemoryParticipantRegistry()),
            InstanceId.random(new SecureRandom()),
            clock);
    private final PublicShareServices publicShares = new PublicShareServices(
            shares, files, hasher, new FakePasswordStrength(), fence, new FakeSecretBox(), clock, random, settings);
    private final UserService userService = new UserService(users, shares, files, fence, clock, random);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final UserId alice = UserId.of("alice");
    private final ItemPath report = ItemPath.parse("docs/report.txt");

    CreateWhileDeletingTest() {
        users.add(new User(alice, "digest", clock.instant()));
        files.put(ItemPath.parse("/users/alice/docs/report.txt"), "old report");
    }

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(fence.inProgress()).as("every announced deletion ended").isZero();
    }

    private static NewShareCommand protectedLink(ItemPath path) {
        return new NewShareCommand(
                path,
                Optional.empty(),
                Optional.of(PASSWORD),
                Optional.empty(),
                Optional.of(new SharePermissions(true, true, true)),
                Optional.empty(),
                Optional.empty());
    }

    /** Starts a creation and returns once it has looked at the item and stopped in the hash. */
    private Future<ShareView> createPausedInTheHash(ItemPath path, Pause pause) throws InterruptedException {
        hasher.setHashGate(pause);
        Future<ShareView> create = pool.submit(() -> links.create(alice, protectedLink(path)));
        pause.awaitReached();
        return create;
    }

    private static Throwable failureOf(Future<?> f) throws InterruptedException {
        try {
            f.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the operation did not finish", e);
        }
    }

    @Test
    void aCreationThatLookedBeforeTheOwnerDeletedTheItemStoresNoLink() throws Exception {
        Pause inHash = new Pause();
        Future<ShareView> create = createPausedInTheHash(report, inHash);

        fileService.delete(alice, report); // the whole delete runs while the creation hashes
        inHash.release();

        assertThat(failureOf(create)).isInstanceOf(NotFoundException.class);
        assertThat(shares.findByOwnerAndPathPrefix(alice, report)).isEmpty();
        // what the orphan would have served
        files.put(ItemPath.parse("/users/alice/docs/report.txt"), "a new file at the old path");
        assertThat(shares.findByOwnerAndPathPrefix(alice, report)).isEmpty();
    }

    @Test
    void aCreationWhileTheStorageIsDeletingTheItemIsRefused() throws Exception {
        Pause inStorage = new Pause();
        files.pauseNextDelete(inStorage);
        Future<Integer> delete = pool.submit(() -> fileService.delete(alice, ItemPath.parse("docs")));
        inStorage.awaitReached(); // announced, links swept, the files not yet deleted

        assertThatThrownBy(() -> links.create(alice, protectedLink(report))).isInstanceOf(NotFoundException.class);
        assertThat(hasher.hashCalls()).as("refused before the hash").isZero();
        inStorage.release();
        assertThat(failureOf(delete)).isNull();
        assertThat(shares.findByOwnerAndPathPrefix(alice, ItemPath.root())).isEmpty();
    }

    @Test
    void aLinkOnAnotherItemOfTheSpaceIsStillMadeWhileOneIsDeleted() throws Exception {
        files.put(ItemPath.parse("/users/alice/keep/notes.txt"), "keep me");
        Pause inHash = new Pause();
        Future<ShareView> create = createPausedInTheHash(ItemPath.parse("keep/notes.txt"), inHash);

        fileService.delete(alice, report);
        inHash.release();

        ShareView made = create.get(30, TimeUnit.SECONDS);
        assertThat(shares.findById(made.share().id())).isPresent();
    }

    @Test
    void aCreationThatLookedBeforeTheUserWasRemovedStoresNoLink() throws Exception {
        Pause inHash = new Pause();
        Future<ShareView> create = createPausedInTheHash(report, inHash);

        userService.remove(alice);
        inHash.release();

        assertThat(failureOf(create)).isInstanceOf(NotFoundException.class);
        assertThat(shares.findByOwnerAndPathPrefix(alice, ItemPath.root())).isEmpty();
    }

    @Test
    void aCreationThatLookedBeforeADeleteThroughALinkStoresNoLink() throws Exception {
        ShareView folderLink = links.create(
                alice,
                new NewShareCommand(
                        ItemPath.parse("docs"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new SharePermissions(true, true, false)),
                        Optional.empty(),
                        Optional.empty()));
        Pause inHash = new Pause();
        Future<ShareView> create = createPausedInTheHash(report, inHash);

        publicShares
                .change()
                .delete(
                        new PublicAccess(folderLink.share().token().value(), Optional.empty(), "203.0.113.9"),
                        ItemPath.parse("report.txt"));
        inHash.release();

        assertThat(failureOf(create)).isInstanceOf(NotFoundException.class);
        assertThat(shares.findByOwnerAndPathPrefix(alice, report)).isEmpty();
    }

    @Test
    void aReshareWhoseParentIsDeletedMeanwhileIsNotFoundNotAnError() throws Exception {
        Share parent = links.create(
                        alice,
                        new NewShareCommand(
                                report,
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(new SharePermissions(true, false, true)),
                                Optional.empty(),
                                Optional.empty()))
                .share();
        Pause inHash = new Pause();
        hasher.setHashGate(inHash);
        PublicAccess visitor = new PublicAccess(parent.token().value(), Optional.empty(), "203.0.113.9");
        Future<ShareView> reshare = pool.submit(() -> publicShares
                .reshare()
                .reshare(
                        visitor,
                        new ReshareCommand(
                                Optional.of(PASSWORD), Optional.empty(), Optional.empty(), Optional.empty())));
        inHash.awaitReached();

        fileService.delete(alice, report);
        inHash.release();

        assertThat(failureOf(reshare)).isInstanceOf(NotFoundException.class).hasMessage(PublicShareServices.NOT_FOUND);
        assertThat(shares.findByOwnerAndPathPrefix(alice, ItemPath.root())).isEmpty();
    }

    @Test
    void aCrashedDeletionBlocksLinksOnItsPathOnlyUntilItsLeaseEnds() throws Exception {
        // begun and never ended, as by a process killed in the middle of a deletion
        Deletion crashed = fence.begin(
                Scope.userSpace(alice),
                ItemPath.parse("docs"),
                clock.instant(),
                clock.instant().plusSeconds(600));
        assertThatThrownBy(() -> links.create(alice, protectedLink(report))).isInstanceOf(NotFoundException.class);
        assertThat(links.create(alice, protectedLink(ItemPath.root())).share().itemPath())
                .isEqualTo(ItemPath.root());

        clock.set(Instant.parse("2026-01-01T10:10:00Z"));
        assertThat(links.create(alice, protectedLink(report)).share().itemPath())
                .isEqualTo(report);
        fence.end(crashed);
    }

    @Test
    void manyCreationsAndDeletionsInTurnLeaveNoLinkOnADeletedItem() throws Exception {
        for (int round = 0; round < 50; round++) {
            files.put(ItemPath.parse("/users/alice/docs/report.txt"), "round " + round);
            CompletableFuture<?>[] creations = new CompletableFuture<?>[4];
            for (int i = 0; i < creations.length; i++) {
                creations[i] = CompletableFuture.runAsync(
                        () -> {
                            try {
                                links.create(alice, protectedLink(report));
                            } catch (NotFoundException e) {
                                // deleted first: fine
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        pool);
            }
            fileService.delete(alice, report);
            CompletableFuture.allOf(creations).get(30, TimeUnit.SECONDS);
            assertThat(shares.findByOwnerAndPathPrefix(alice, report))
                    .as("round %d", round)
                    .isEmpty();
        }
    }
}
