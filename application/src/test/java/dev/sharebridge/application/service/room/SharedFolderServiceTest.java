package dev.sharebridge.application.service.room;

import static dev.sharebridge.application.service.room.RoomFixture.BOB;
import static dev.sharebridge.application.service.room.RoomFixture.OWNER;
import static dev.sharebridge.application.service.room.RoomFixture.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.room.SharedFolderResult;
import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryStorageProvider.Op;
import dev.sharebridge.application.testing.Pause;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.storage.PublicLinkCapability.Access;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SharedFolderServiceTest {

    private static List<Share> allRoomShares(RoomFixture f, Room room) {
        return f.shares.all().stream()
                .filter(s -> s.roomId().equals(Optional.of(room.id())))
                .toList();
    }

    private static void assertStrongPassword(String p) {
        assertThat(p)
                .hasSizeGreaterThanOrEqualTo(16)
                .matches(".*[A-Z].*")
                .matches(".*[a-z].*")
                .matches(".*[0-9].*");
    }

    @Test
    void localFolderGetsTwoPasswordProtectedShareLinks() throws Exception {
        RoomFixture f = new RoomFixture(new InMemoryStorageProvider(MutableClockHolder.clock()), Optional.of(2));
        Room room = f.roomService.create(OWNER, Optional.of("Weekly"));

        SharedFolderResult first = f.sharedFolders.put(OWNER, room.id());
        assertThat(first.created()).isTrue();
        SharedFolderView view = first.view();
        assertThat(view.readWrite()).isPresent();
        assertStrongPassword(view.read().password());
        assertStrongPassword(view.readWrite().get().password());
        assertThat(view.read().password()).isNotEqualTo(view.readWrite().get().password());
        assertThat(view.read().url()).startsWith("https://share.example.org/s/");

        List<Share> links = allRoomShares(f, room);
        assertThat(links).hasSize(2);
        assertThat(links)
                .extracting(Share::permissions)
                .containsExactlyInAnyOrder(SharePermissions.READ_ONLY, SharePermissions.READ_WRITE);
        assertThat(links).allSatisfy(s -> {
            assertThat(s.passwordHash()).isPresent();
            assertThat(s.passwordHash().get()).doesNotContain(view.read().password());
            assertThat(s.expiresAt()).contains(f.clock.instant().plus(Duration.ofDays(2)));
            assertThat(s.itemPath()).isEqualTo(ItemPath.of(SharedFolder.folderName(room.id())));
        });
        assertThat(f.storage.stat(ItemPath.of(SharedFolder.folderName(room.id()))))
                .isPresent();

        SharedFolderResult again = f.sharedFolders.put(OWNER, room.id());
        assertThat(again.created()).isFalse();
        assertThat(again.view()).isEqualTo(view);
        assertThat(allRoomShares(f, room)).hasSize(2);
    }

    @Test
    void nonModeratorsSeeOnlyTheReadLinkAndCannotCreate() throws Exception {
        RoomFixture f = new RoomFixture(new InMemoryStorageProvider(MutableClockHolder.clock()), Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.empty());
        f.invitations.invite(OWNER, room.id(), BOB);
        assertThatThrownBy(() -> f.sharedFolders.put(BOB, room.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> f.sharedFolders.get(BOB, room.id())).isInstanceOf(NotFoundException.class);
        SharedFolderView full = f.sharedFolders.put(OWNER, room.id()).view();
        SharedFolderView bobs = f.sharedFolders.get(BOB, room.id());
        assertThat(bobs.read()).isEqualTo(full.read());
        assertThat(bobs.readWrite()).isEmpty();
        assertThatThrownBy(() -> f.sharedFolders.get(STRANGER, room.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> f.sharedFolders.delete(BOB, room.id())).isInstanceOf(ForbiddenException.class);
        f.moderators.grantModerator(OWNER, room.id(), BOB);
        assertThat(f.sharedFolders.get(BOB, room.id()).readWrite()).isPresent();
    }

    @Test
    void aStorageFailureLeavesNothingBehindAndARetrySucceeds() throws Exception {
        InMemoryStorageProvider storage = new InMemoryStorageProvider(MutableClockHolder.clock());
        RoomFixture f = new RoomFixture(storage, Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.empty());
        storage.fail(Op.MAKE_FOLDER, new StorageUnavailableException("down", null, Duration.ofSeconds(7)));

        assertThatThrownBy(() -> f.sharedFolders.put(OWNER, room.id()))
                .isInstanceOfSatisfying(
                        UpstreamUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
        assertThat(f.folders.hasRow(room.id())).isFalse();
        assertThat(allRoomShares(f, room)).isEmpty();

        storage.heal();
        assertThat(f.sharedFolders.put(OWNER, room.id()).created()).isTrue();
    }

    @Test
    void aDatabaseGoneMidwayIsReportedAsSuchAndLeavesNothingBehind() throws Exception {
        InMemoryStorageProvider storage = new InMemoryStorageProvider(MutableClockHolder.clock());
        RoomFixture f = new RoomFixture(storage, Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.empty());
        DatabaseUnavailableException down = new DatabaseUnavailableException("the database is unavailable", null);
        f.folders.failNextComplete(down);

        // not a storage failure (502): the HTTP adapter answers it 503 with Retry-After
        assertThatThrownBy(() -> f.sharedFolders.put(OWNER, room.id())).isSameAs(down);
        assertThat(f.folders.hasRow(room.id())).isFalse();
        assertThat(allRoomShares(f, room)).isEmpty();
        assertThat(storage.exists(ItemPath.of(SharedFolder.folderName(room.id()))))
                .isFalse();

        assertThat(f.sharedFolders.put(OWNER, room.id()).created()).isTrue();
    }

    @Test
    void nativeLinksAreMadeWithTheExpiryDayAndVerifiedAccess() throws Exception {
        NativeLinkStorage storage = new NativeLinkStorage(MutableClockHolder.clock());
        RoomFixture f = new RoomFixture(storage, Optional.of(3));
        Room room = f.roomService.create(OWNER, Optional.empty());
        SharedFolderView view = f.sharedFolders.put(OWNER, room.id()).view();
        assertThat(storage.links.values())
                .extracting(NativeLinkStorage.Made::access)
                .containsExactlyInAnyOrder(Access.READ, Access.READ_WRITE);
        assertThat(storage.links.values()).allSatisfy(m -> {
            assertThat(m.expiresOn()).contains(LocalDate.parse("2026-11-29"));
            assertThat(m.folder()).isEqualTo(ItemPath.of(SharedFolder.folderName(room.id())));
        });
        NativeLinkStorage.Made rw =
                storage.links.get(view.readWrite().orElseThrow().linkId());
        assertThat(rw.access()).isEqualTo(Access.READ_WRITE);
        assertThat(rw.password()).isEqualTo(view.readWrite().get().password());
        assertThat(allRoomShares(f, room)).isEmpty();
    }

    @Test
    void nativeLinksAreMadeOnTheServicesOwnThreadsWhichCloseEnds() throws Exception {
        NativeLinkStorage storage = new NativeLinkStorage(MutableClockHolder.clock());
        RoomFixture f = new RoomFixture(storage, Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.empty());
        f.sharedFolders.put(OWNER, room.id());
        assertThat(storage.creatingThreads).hasSize(2).allMatch(name -> name.startsWith("shared-folder-links-"));

        f.sharedFolders.close();
        Room other = f.roomService.create(OWNER, Optional.empty());
        assertThatThrownBy(() -> f.sharedFolders.put(OWNER, other.id()))
                .isInstanceOf(UpstreamUnavailableException.class);
        assertThat(storage.links).hasSize(2);
        assertThat(storage.files.stat(ItemPath.of(SharedFolder.folderName(other.id()))))
                .isEmpty();
    }

    @Test
    void aFailedSecondLinkRemovesTheFirstAndTheFolder() throws Exception {
        for (Access failing : Access.values()) {
            NativeLinkStorage storage = new NativeLinkStorage(MutableClockHolder.clock());
            RoomFixture f = new RoomFixture(storage, Optional.empty());
            Room room = f.roomService.create(OWNER, Optional.empty());
            storage.failCreateOf = failing;
            assertThatThrownBy(() -> f.sharedFolders.put(OWNER, room.id()))
                    .isInstanceOfSatisfying(
                            UpstreamUnavailableException.class,
                            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(42)));
            assertThat(storage.links).isEmpty();
            assertThat(storage.stat(ItemPath.of(SharedFolder.folderName(room.id()))))
                    .isEmpty();
            assertThat(f.folders.hasRow(room.id())).isFalse();

            storage.failCreateOf = null;
            assertThat(f.sharedFolders.put(OWNER, room.id()).created()).isTrue();
            assertThat(storage.links).hasSize(2);
        }
    }

    @Test
    void concurrentPutsMakeOneFolderAndTwoLinks() throws Exception {
        NativeLinkStorage storage = new NativeLinkStorage(MutableClockHolder.clock());
        RoomFixture f = new RoomFixture(storage, Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.empty());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<SharedFolderResult>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> f.sharedFolders.put(OWNER, room.id()));
            }
            List<SharedFolderResult> results = new ArrayList<>();
            for (Future<SharedFolderResult> r : pool.invokeAll(calls)) {
                results.add(r.get());
            }
            assertThat(results).filteredOn(SharedFolderResult::created).hasSize(1);
            assertThat(results)
                    .extracting(SharedFolderResult::view)
                    .containsOnly(results.get(0).view());
            assertThat(storage.links).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void deleteRemovesLinksAndFilesAndIsIdempotent() throws Exception {
        InMemoryStorageProvider storage = new InMemoryStorageProvider(MutableClockHolder.clock());
        RoomFixture f = new RoomFixture(storage, Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.empty());
        f.sharedFolders.put(OWNER, room.id());
        ItemPath folder = ItemPath.of(SharedFolder.folderName(room.id()));
        storage.put(folder.resolve("notes.txt"), "minutes");

        f.sharedFolders.delete(OWNER, room.id());
        assertThat(storage.exists(folder)).isFalse();
        assertThat(allRoomShares(f, room)).isEmpty();
        assertThatThrownBy(() -> f.sharedFolders.get(OWNER, room.id())).isInstanceOf(NotFoundException.class);
        f.sharedFolders.delete(OWNER, room.id());
    }

    @Test
    void aFailedDeleteKeepsTheFolderRecordSoARetryFinishesIt() throws Exception {
        NativeLinkStorage storage = new NativeLinkStorage(MutableClockHolder.clock());
        RoomFixture f = new RoomFixture(storage, Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.empty());
        f.sharedFolders.put(OWNER, room.id());
        storage.failDelete = true;
        assertThatThrownBy(() -> f.sharedFolders.delete(OWNER, room.id()))
                .isInstanceOf(UpstreamUnavailableException.class);
        assertThat(f.sharedFolders.get(OWNER, room.id())).isNotNull();
        storage.failDelete = false;
        f.sharedFolders.delete(OWNER, room.id());
        assertThat(storage.links).isEmpty();
        assertThat(storage.stat(ItemPath.of(SharedFolder.folderName(room.id()))))
                .isEmpty();
    }

    @Test
    void anExpiredClaimOfACrashedCreatorIsTakenOverAndCleanedFirst() throws Exception {
        InMemoryStorageProvider storage = new InMemoryStorageProvider(MutableClockHolder.clock());
        RoomFixture f = new RoomFixture(storage, Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.empty());
        ItemPath folder = ItemPath.of(SharedFolder.folderName(room.id()));
        f.folders.claim(room.id(), f.clock.instant(), f.clock.instant().plus(f.settings.creationLease()));
        storage.put(folder.resolve("half-made.txt"), "left over");
        f.clock.advance(f.settings.creationLease());

        assertThat(f.sharedFolders.put(OWNER, room.id()).created()).isTrue();
        assertThat(storage.exists(folder.resolve("half-made.txt"))).isFalse();
        assertThat(allRoomShares(f, room)).hasSize(2);
    }

    /** A clock for the storage fakes; its time does not matter to these tests. */
    private static final class MutableClockHolder {
        static java.time.Clock clock() {
            return java.time.Clock.fixed(java.time.Instant.parse("2026-11-26T10:00:00Z"), java.time.ZoneOffset.UTC);
        }
    }

    /** Issue 13, item 2 for room links: the room is deleted while its folder's links are being made. */
    @Test
    void aRoomDeletedWhileItsFolderIsMadeKeepsNoLinkAndNoFolder() throws Exception {
        RoomFixture f = new RoomFixture(new InMemoryStorageProvider(MutableClockHolder.clock()), Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.of("Weekly"));
        Pause inHash = new Pause();
        f.hasher.setHashGate(inHash); // the first link's password is being hashed: the folder exists
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<SharedFolderResult> put = pool.submit(() -> f.sharedFolders.put(OWNER, room.id()));
            inHash.awaitReached();
            f.roomService.delete(OWNER, room.id(), false);
            inHash.release();

            assertThatThrownBy(put::get).hasCauseInstanceOf(NotFoundException.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(allRoomShares(f, room)).isEmpty();
        assertThat(f.storage.stat(ItemPath.of(SharedFolder.folderName(room.id()))))
                .isEmpty();
        assertThat(f.fence.inProgress()).isZero();
    }

    @Test
    void aFolderCompletedJustBeforeItsDeletionIsDeletedWithItsLinks() throws Exception {
        RoomFixture f = new RoomFixture(new InMemoryStorageProvider(MutableClockHolder.clock()), Optional.empty());
        Room room = f.roomService.create(OWNER, Optional.of("Weekly"));
        f.sharedFolders.put(OWNER, room.id());
        f.sharedFolders.delete(OWNER, room.id());
        assertThat(allRoomShares(f, room)).isEmpty();
        assertThat(f.storage.stat(ItemPath.of(SharedFolder.folderName(room.id()))))
                .isEmpty();
        assertThat(f.sharedFolders.put(OWNER, room.id()).created())
                .as("made again after the deletion")
                .isTrue();
        assertThat(allRoomShares(f, room)).hasSize(2);
    }
}
