package dev.sharebridge.application.service.room;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.room.SharedFolderResult;
import dev.sharebridge.application.port.in.room.SharedFolderUseCase;
import dev.sharebridge.application.port.in.room.SharedFolderView;
import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository.Claim;
import dev.sharebridge.application.port.out.security.PasswordHasher;
import dev.sharebridge.application.service.file.Deletions;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.RoomRole;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.room.SharedFolderLink;
import dev.sharebridge.domain.share.LinkPolicy;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.PublicLinkCapability;
import dev.sharebridge.domain.storage.PublicLinkCapability.Access;
import dev.sharebridge.domain.storage.PublicLinkCapability.PublicLink;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates and deletes meeting shared folders on the shared-folder storage. With a provider that
 * has native public links (NextCloud) the two links are the provider's, created in parallel on
 * the service's own threads; otherwise they are Sharebridge share links on the folder. Every step
 * that succeeded is undone when a later one fails, so a failure leaves nothing behind and a retry
 * starts clean. {@link #close()} stops those threads.
 */
public final class SharedFolderService implements SharedFolderUseCase, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SharedFolderService.class.getName());
    private static final Duration POLL = Duration.ofMillis(50);
    /**
     * Threads that create provider links: two per creation, so four creations talk to the
     * provider at once and more wait their turn instead of opening ever more connections.
     */
    static final int LINK_THREADS = 8;

    /** A folder's two links. */
    private record Links(SharedFolderLink read, SharedFolderLink readWrite) {}

    /** How a waiting caller pauses between looks at a folder another caller is creating. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    private final RoomRepository rooms;
    private final SharedFolderRepository folders;
    private final ShareRepository shares;
    private final DeletionFence fence;
    private final Deletions deletions;
    private final StorageProvider storage;
    private final PasswordHasher hasher;
    private final SharedFolderEvents events;
    private final ExecutorService linkThreads;
    private final Clock clock;
    private final SecureRandom random;
    private final RoomSettings settings;
    private final LinkPasswordGenerator passwords;
    private final RoomAccess access;
    private final Pause pause;

    public SharedFolderService(
            RoomRepository rooms,
            SharedFolderRepository folders,
            ShareRepository shares,
            DeletionFence fence,
            StorageProvider storage,
            PasswordHasher hasher,
            SharedFolderEvents events,
            Clock clock,
            SecureRandom random,
            RoomSettings settings) {
        this(
                rooms,
                folders,
                shares,
                fence,
                storage,
                hasher,
                events,
                clock,
                random,
                settings,
                d -> Thread.sleep(d.toMillis()));
    }

    public SharedFolderService(
            RoomRepository rooms,
            SharedFolderRepository folders,
            ShareRepository shares,
            DeletionFence fence,
            StorageProvider storage,
            PasswordHasher hasher,
            SharedFolderEvents events,
            Clock clock,
            SecureRandom random,
            RoomSettings settings,
            Pause pause) {
        this.fence = fence;
        this.deletions = new Deletions(fence, clock);
        this.rooms = rooms;
        this.folders = folders;
        this.shares = shares;
        this.storage = storage;
        this.hasher = hasher;
        this.events = events;
        this.linkThreads = Executors.newFixedThreadPool(LINK_THREADS, linkThreadFactory());
        this.clock = clock;
        this.random = random;
        this.settings = settings;
        this.passwords = new LinkPasswordGenerator(random);
        this.access = new RoomAccess(rooms);
        this.pause = pause;
    }

    @Override
    public SharedFolderResult put(UserId caller, RoomId roomId)
            throws NotFoundException, ForbiddenException, UpstreamUnavailableException {
        Room room = access.moderatedRoom(caller, roomId);
        Instant deadline = clock.instant().plus(settings.creationLease()).plus(settings.creationLease());
        while (true) {
            Instant now = clock.instant();
            Claim claim;
            try {
                claim = folders.claim(roomId, now, now.plus(settings.creationLease()));
            } catch (IllegalStateException e) {
                if (rooms.findById(roomId).isEmpty()) {
                    throw new NotFoundException(RoomAccess.NOT_FOUND); // deleted since it was looked up
                }
                throw e;
            }
            if (claim instanceof Claim.Ready ready) {
                return new SharedFolderResult(SharedFolderView.of(ready.folder(), RoomRole.MODERATOR), false);
            }
            if (claim instanceof Claim.Granted granted) {
                SharedFolder folder = create(room, granted.tookOverExpired());
                events.folderCreated(room, folder);
                return new SharedFolderResult(SharedFolderView.of(folder, RoomRole.MODERATOR), true);
            }
            if (!now.isBefore(deadline)) {
                throw new UpstreamUnavailableException(
                        "the shared folder is being created; try again", null, Optional.of(Duration.ofSeconds(1)));
            }
            try {
                pause.pause(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamUnavailableException(
                        "interrupted while waiting for the shared folder", e, Optional.empty());
            }
        }
    }

    private SharedFolder create(Room room, boolean cleanFirst) throws NotFoundException, UpstreamUnavailableException {
        ItemPath path = ItemPath.of(SharedFolder.folderName(room.id()));
        List<Runnable> undo = new ArrayList<>();
        // a room being deleted gets no folder: the fence refuses its links until the deletion is over
        Optional<DeletionFence.Watch> watch = fence.watch(Scope.room(room.id()), ItemPath.root(), clock.instant());
        if (watch.isEmpty()) {
            release(room.id());
            throw new NotFoundException(RoomAccess.NOT_FOUND);
        }
        try {
            if (cleanFirst) {
                removeLeftovers(room.id(), path);
            }
            if (storage.makeFolder(path)) {
                undo.add(() -> quietly(() -> storage.delete(path)));
            }
            Links links = storage.publicLinks().isPresent()
                    ? nativeLinks(storage.publicLinks().get(), path, undo)
                    : localLinks(room, path, watch.get(), undo);
            SharedFolder folder = new SharedFolder(
                    room.id(), settings.providerName(), path, links.read(), links.readWrite(), clock.instant());
            folders.complete(folder);
            return folder;
        } catch (StorageException | RuntimeException e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                undo.get(i).run();
            }
            release(room.id());
            if (e instanceof RoomDeletedException) {
                throw new NotFoundException(RoomAccess.NOT_FOUND);
            }
            if (e instanceof DatabaseUnavailableException down) {
                // not the storage's fault: the caller answers it as the database being away
                throw down;
            }
            throw upstream("could not create the shared folder", e);
        }
    }

    private void release(RoomId room) {
        try {
            folders.release(room);
        } catch (RuntimeException releaseFailure) {
            LOG.log(
                    Level.WARNING,
                    "could not release the creation claim of room " + room + "; it expires with its lease",
                    releaseFailure);
        }
    }

    private Links nativeLinks(PublicLinkCapability links, ItemPath path, List<Runnable> undo) throws StorageException {
        Optional<LocalDate> expiresOn = settings.expiryDays()
                .map(d -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(d));
        String readPassword = passwords.next();
        String writePassword = passwords.next();
        CompletableFuture<PublicLink> rw = CompletableFuture.supplyAsync(
                () -> unchecked(() -> links.create(path, Access.READ_WRITE, writePassword, expiresOn)), linkThreads);
        CompletableFuture<PublicLink> ro = CompletableFuture.supplyAsync(
                () -> unchecked(() -> links.create(path, Access.READ, readPassword, expiresOn)), linkThreads);
        // both are awaited, so that a link made while the other failed is known and undone
        Optional<PublicLink> rwLink = awaitLink(rw, links, undo);
        Optional<PublicLink> roLink = awaitLink(ro, links, undo);
        if (rwLink.isEmpty() || roLink.isEmpty()) {
            Throwable failure = failureOf(rw, ro).orElseGet(() -> new InterruptedException("interrupted"));
            if (failure instanceof StorageException storageFailure) {
                throw storageFailure; // keeps what the storage said, e.g. its Retry-After
            }
            throw new StorageUnavailableException("a link could not be created", failure);
        }
        return new Links(
                new SharedFolderLink(roLink.get().id(), roLink.get().url(), readPassword),
                new SharedFolderLink(rwLink.get().id(), rwLink.get().url(), writePassword));
    }

    /** The link, once made (and then undone on a later failure); empty when making it failed. */
    private static Optional<PublicLink> awaitLink(
            CompletableFuture<PublicLink> f, PublicLinkCapability links, List<Runnable> undo) {
        try {
            PublicLink link = f.get();
            undo.add(() -> quietly(() -> links.delete(link.id())));
            return Optional.of(link);
        } catch (ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the link may still be made: undo it whenever it is
            f.thenAccept(link -> quietly(() -> links.delete(link.id())));
            return Optional.empty();
        }
    }

    private static Optional<Throwable> failureOf(CompletableFuture<?>... futures) {
        for (CompletableFuture<?> f : futures) {
            if (f.isCompletedExceptionally()) {
                try {
                    f.join();
                } catch (CompletionException | CancellationException e) {
                    Throwable c = e instanceof CompletionException ? e.getCause() : e;
                    return Optional.of(c instanceof WrappedStorageException w ? w.getCause() : c);
                }
            }
        }
        return Optional.empty();
    }

    private Links localLinks(Room room, ItemPath path, DeletionFence.Watch watch, List<Runnable> undo) {
        Instant now = clock.instant();
        Optional<Instant> expiresAt = settings.expiryDays().map(d -> now.plus(Duration.ofDays(d)));
        SharedFolderLink read =
                localLink(room, path, watch, undo, SharePermissions.READ_ONLY, "meeting folder (read)", now, expiresAt);
        SharedFolderLink readWrite = localLink(
                room, path, watch, undo, SharePermissions.READ_WRITE, "meeting folder (read-write)", now, expiresAt);
        return new Links(read, readWrite);
    }

    private SharedFolderLink localLink(
            Room room,
            ItemPath path,
            DeletionFence.Watch watch,
            List<Runnable> undo,
            SharePermissions permissions,
            String label,
            Instant now,
            Optional<Instant> expiresAt) {
        String password = passwords.next();
        LinkPolicy policy = LinkPolicy.of(permissions)
                .withPasswordHash(Optional.of(hasher.hash(password)))
                .withExpiresAt(expiresAt)
                .withLabel(Optional.of(label));
        Share share = Share.roomLink(
                ShareId.random(), ShareToken.generate(random), room.id(), room.createdBy(), path, policy, now);
        if (!fence.insert(watch, share)) {
            throw new RoomDeletedException();
        }
        undo.add(() -> quietly(() -> shares.deleteWithDescendants(share.id())));
        return new SharedFolderLink(
                share.id().toString(),
                settings.publicUrl() + "/s/" + share.token().value(),
                password);
    }

    private void removeLeftovers(RoomId room, ItemPath path) throws StorageException {
        shares.deleteByRoom(room);
        storage.delete(path);
    }

    @Override
    public SharedFolderView get(UserId caller, RoomId room) throws NotFoundException {
        RoomRole role = access.roleIn(caller, room);
        SharedFolder folder =
                folders.find(room).orElseThrow(() -> new NotFoundException("the room has no shared folder"));
        return SharedFolderView.of(folder, role);
    }

    @Override
    public void delete(UserId caller, RoomId room)
            throws NotFoundException, ForbiddenException, UpstreamUnavailableException {
        access.moderatedRoom(caller, room);
        if (deleteFolderOf(room)) {
            events.folderDeleted(room);
        }
    }

    /**
     * Announces the deletion on the fence (no Sharebridge link can be made for the room until it
     * is over), ends a creation in progress (its completion then fails and it undoes itself),
     * removes both links, then the folder with its files, then the record; safe to repeat after
     * a failure at any step. @return true when there was a folder
     */
    boolean deleteFolderOf(RoomId room) throws UpstreamUnavailableException {
        try (Deletions.Announced announced = deletions.announce(Scope.room(room), ItemPath.root())) {
            folders.release(room);
            Optional<SharedFolder> found = folders.find(room);
            // links a crashed creation left behind, and, when there is a folder, its links
            shares.deleteByRoom(room);
            if (found.isEmpty()) {
                return false;
            }
            SharedFolder folder = found.get();
            try {
                Optional<PublicLinkCapability> links = storage.publicLinks();
                if (links.isPresent()) {
                    links.get().delete(folder.readWrite().linkId());
                    links.get().delete(folder.read().linkId());
                }
                storage.delete(folder.folder());
            } catch (StorageException e) {
                throw upstream("could not delete the shared folder", e);
            }
            shares.deleteByRoom(room);
            folders.delete(room);
            return true;
        }
    }

    /** Stops the threads that make provider links; a creation still running fails and undoes itself. */
    @Override
    public void close() {
        linkThreads.shutdownNow();
    }

    private static ThreadFactory linkThreadFactory() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "shared-folder-links-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static UpstreamUnavailableException upstream(String what, Throwable e) {
        Throwable cause = e instanceof WrappedStorageException w ? w.getCause() : e;
        Optional<Duration> retry = cause instanceof StorageUnavailableException u ? u.retryAfter() : Optional.empty();
        return new UpstreamUnavailableException(what, cause, retry);
    }

    /** A link of the room was refused by the fence: the room is being deleted. */
    private static final class RoomDeletedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RoomDeletedException() {
            super("the room is being deleted", null, false, false);
        }
    }

    /** Carries a checked storage failure out of a CompletableFuture. */
    private static final class WrappedStorageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrappedStorageException(StorageException cause) {
            super(cause);
        }
    }

    @FunctionalInterface
    private interface StorageCall<T> {
        T call() throws StorageException;
    }

    @FunctionalInterface
    private interface StorageAction {
        void run() throws StorageException;
    }

    private static <T> T unchecked(StorageCall<T> call) {
        try {
            return call.call();
        } catch (StorageException e) {
            throw new WrappedStorageException(e);
        }
    }

    private static void quietly(StorageAction action) {
        try {
            action.run();
        } catch (StorageException | RuntimeException e) {
            LOG.log(Level.WARNING, "clean-up step failed: " + e.getMessage());
        }
    }
}
