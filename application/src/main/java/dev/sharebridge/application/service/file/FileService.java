package dev.sharebridge.application.service.file;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PreconditionFailedException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.file.FolderStream;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.persistence.MoveJournal.Move;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.service.quota.Quotas;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.storage.DestinationExistsException;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.ItemNotFoundException;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageFullException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.storage.TransferPaths;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The owner-side file operations on one user's space (the folder {@link UserSpaces#root}). Paths
 * come in and go out relative to the space; the space folder is made on first use.
 */
public final class FileService implements FileUseCases {
    private static final Logger LOG = Logger.getLogger(FileService.class.getName());

    private final StorageProvider files;
    private final ShareRepository shares;
    private final Deletions deletions;
    private final MoveJournal journal;
    private final InstanceId instance;
    private final Clock clock;
    private final Optional<ItemPath> roomFolders;
    private final Quotas quotas;

    /**
     * Where the files storage does not hold the meeting folders inside the users' spaces.
     *
     * @param journal where moves in progress are recorded, for {@link InterruptedMoves} to finish
     *     after a crash
     * @param instance this process among those on the database: the one that runs its moves
     */
    public FileService(
            StorageProvider files,
            ShareRepository shares,
            DeletionFence fence,
            MoveJournal journal,
            InstanceId instance,
            Clock clock) {
        this(files, shares, fence, journal, instance, clock, Optional.empty(), Quotas.unlimited());
    }

    /** Without quotas (see the last constructor). */
    public FileService(
            StorageProvider files,
            ShareRepository shares,
            DeletionFence fence,
            MoveJournal journal,
            InstanceId instance,
            Clock clock,
            Optional<ItemPath> roomFolders) {
        this(files, shares, fence, journal, instance, clock, roomFolders, Quotas.unlimited());
    }

    /**
     * @param roomFolders the folder of {@code files} (a storage path) that holds the meeting
     *     folders, when {@code files} is also the shared-folder storage; such folders are never moved
     * @param quotas what each write reserves and each deletion gives back (docs/architecture.md, "Quotas")
     */
    public FileService(
            StorageProvider files,
            ShareRepository shares,
            DeletionFence fence,
            MoveJournal journal,
            InstanceId instance,
            Clock clock,
            Optional<ItemPath> roomFolders,
            Quotas quotas) {
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.files = Objects.requireNonNull(files, "files");
        this.shares = Objects.requireNonNull(shares, "shares");
        this.deletions = new Deletions(fence, clock);
        this.journal = Objects.requireNonNull(journal, "journal");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.roomFolders = Objects.requireNonNull(roomFolders, "roomFolders");
    }

    @Override
    public StoredItem stat(UserId user, ItemPath path)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException {
        try {
            Optional<StoredItem> item = files.stat(UserSpaces.toStorage(user, path));
            if (item.isEmpty() && path.isRoot()) {
                item = ensureSpace(user);
            }
            return UserSpaces.toSpace(user, item.orElseThrow(() -> StorageFailures.notFound(path)));
        } catch (StorageUnavailableException e) {
            throw StorageFailures.upstream(e);
        } catch (ItemNotFoundException | ItemConflictException e) {
            throw StorageFailures.notFound(path);
        } catch (StorageFullException e) {
            throw StorageFailures.full(e);
        } catch (StorageException e) { // rejected: the last of the sealed family
            throw rejected(e);
        }
    }

    @Override
    public ItemContent read(UserId user, ItemPath path, Optional<ByteRange> range)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException {
        try {
            ItemContent content = files.read(UserSpaces.toStorage(user, path), range);
            return new ItemContent(UserSpaces.toSpace(user, content.item()), content.range(), content.stream());
        } catch (StorageUnavailableException e) {
            throw StorageFailures.upstream(e);
        } catch (ItemNotFoundException | ItemConflictException e) {
            throw StorageFailures.notFound(path);
        } catch (StorageFullException e) {
            throw StorageFailures.full(e);
        } catch (StorageException e) { // rejected: the last of the sealed family
            throw rejected(e);
        }
    }

    @Override
    public WriteResult upload(UserId user, ItemPath path, InputStream content, OptionalLong length)
            throws ConflictException, UpstreamUnavailableException, InsufficientStorageException, TooLargeException {
        if (path.isRoot()) {
            throw new InvalidValueException(Field.PATH, "a file needs a name; the root of a space is a folder");
        }
        path.checkNewNames();
        Quotas.Reservation reservation = quotas.begin(user, length);
        boolean committed = false;
        try {
            ItemPath target = UserSpaces.toStorage(user, path);
            long replaced = files.stat(target)
                    .filter(i -> !i.isFolder())
                    .map(StoredItem::size)
                    .orElse(0L);
            WriteResult result;
            try {
                result = files.write(target, reservation.count(content));
            } catch (StorageException | RuntimeException e) {
                Quotas.rethrowCrossed(e);
                throw e;
            }
            reservation.commit(result.item().size(), replaced);
            committed = true;
            return new WriteResult(UserSpaces.toSpace(user, result.item()), result.created());
        } catch (StorageUnavailableException e) {
            throw StorageFailures.upstream(e);
        } catch (ItemNotFoundException | ItemConflictException e) {
            throw conflict(path);
        } catch (StorageFullException e) {
            throw StorageFailures.full(e);
        } catch (StorageException e) { // rejected: the last of the sealed family
            throw rejected(e);
        } finally {
            if (!committed) {
                reservation.cancel();
            }
        }
    }

    @Override
    public boolean makeFolder(UserId user, ItemPath path)
            throws ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        path.checkNewNames();
        try {
            return files.makeFolder(UserSpaces.toStorage(user, path));
        } catch (StorageUnavailableException e) {
            throw StorageFailures.upstream(e);
        } catch (ItemNotFoundException | ItemConflictException e) {
            throw conflict(path);
        } catch (StorageFullException e) {
            throw StorageFailures.full(e);
        } catch (StorageException e) { // rejected: the last of the sealed family
            throw rejected(e);
        }
    }

    @Override
    public FolderStream stream(UserId user, ItemPath folder)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException {
        return inFolder(
                user,
                folder,
                (item, inStorage) ->
                        new FolderStream(item, files.children(inStorage).map(c -> UserSpaces.toSpace(user, c))));
    }

    @Override
    public FolderListing list(UserId user, ItemPath folder)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException {
        return inFolder(
                user,
                folder,
                (item, inStorage) -> new FolderListing(
                        item,
                        files.list(inStorage).stream()
                                .map(c -> UserSpaces.toSpace(user, c))
                                .toList()));
    }

    /** What {@link #list} and {@link #stream} make of a folder's children in the storage. */
    @FunctionalInterface
    private interface Children<T> {
        T of(StoredItem folder, ItemPath inStorage) throws StorageException;
    }

    /** The folder of the caller's space at {@code folder}, its children read by {@code children}. */
    private <T> T inFolder(UserId user, ItemPath folder, Children<T> children)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException {
        StoredItem item = stat(user, folder);
        if (!item.isFolder()) {
            throw StorageFailures.notFound(folder);
        }
        try {
            return children.of(item, UserSpaces.toStorage(user, folder));
        } catch (StorageUnavailableException e) {
            throw StorageFailures.upstream(e);
        } catch (ItemNotFoundException | ItemConflictException e) {
            throw StorageFailures.notFound(folder);
        } catch (StorageFullException e) {
            throw StorageFailures.full(e);
        } catch (StorageException e) { // rejected: the last of the sealed family
            throw rejected(e);
        }
    }

    /**
     * Announces the deletion on the fence, deletes the share links on the item and below, then
     * the item, and the links once more. Announced first, so that no link can be created on the
     * item until it is gone (the fence refuses them); links before the item, so that a storage
     * failure merely leaves the item without links (delete again to finish), whereas the other
     * order could leave a link that would expose whatever is later written at the path. The second
     * sweep catches links of a process that does not use the fence (an older version).
     */
    @Override
    public int delete(UserId user, ItemPath path)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException {
        if (path.isRoot()) {
            throw new InvalidValueException(Field.PATH, "the root of a space cannot be deleted");
        }
        stat(user, path);
        try (Deletions.Announced announced = deletions.announce(Scope.userSpace(user), path)) {
            int deleted = shares.deleteByOwnerAndPathPrefix(user, path);
            boolean removed;
            try {
                ItemPath target = UserSpaces.toStorage(user, path);
                long size = Quotas.sizeAt(files, target);
                removed = files.delete(target);
                if (removed) {
                    quotas.freed(user, size);
                }
            } catch (StorageUnavailableException e) {
                throw StorageFailures.upstream(e);
            } catch (ItemNotFoundException | ItemConflictException e) {
                removed = false;
            } catch (StorageFullException e) {
                throw StorageFailures.full(e);
            } catch (StorageException e) { // rejected: the last of the sealed family
                throw rejected(e);
            }
            deleted += shares.deleteByOwnerAndPathPrefix(user, path);
            if (!removed && deleted == 0) {
                throw StorageFailures.notFound(path);
            }
            return deleted;
        }
    }

    /**
     * Moves the item and makes its share links (and those below it) follow it; see
     * docs/architecture.md, "Moving items with share links". Both paths are announced on the
     * fence first, so that no link is made on either while the move runs: none on the source
     * (nothing will be there), none on the destination (the links that will be there are the
     * ones that follow the item). Links on an item the move replaces are deleted before the
     * storage is touched, as {@link #delete} deletes them. Then the move is recorded in the
     * {@link MoveJournal}, and after the storage move one transaction rewrites the links and
     * removes the record; should it fail, the item is moved back, so that links and item stay
     * together, and the failure is answered. A process killed in between leaves the record, from
     * which {@link InterruptedMoves} finishes the move on any instance.
     */
    @Override
    public TransferResult move(UserId user, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ConflictException, PreconditionFailedException, ForbiddenException,
                    UpstreamUnavailableException, InsufficientStorageException {
        checkTransfer("move", from, to, overwrite);
        stat(user, from);
        refuseRoomFolders(user, from);
        Scope scope = Scope.userSpace(user);
        try (Deletions.Announced source = deletions.announce(scope, from);
                Deletions.Announced destination = deletions.announce(scope, to)) {
            if (overwrite) {
                shares.deleteByOwnerAndPathPrefix(user, to);
            }
            Move record = Move.start(user, from, to, instance, clock.instant());
            journal.begin(record);
            TransferResult result;
            try {
                result = storageTransfer(user, from, to, overwrite, true);
            } catch (NotFoundException
                    | ConflictException
                    | PreconditionFailedException
                    | InsufficientStorageException
                    | InvalidValueException e) {
                // refused: nothing moved
                endRecord(record, e);
                throw e;
            } catch (UpstreamUnavailableException | RuntimeException e) {
                // the storage may have moved the item before it failed: InterruptedMoves looks
                releaseRecord(record, e);
                throw e;
            }
            try {
                journal.finish(record);
            } catch (RuntimeException e) {
                if (moveBack(user, from, to, e)) {
                    endRecord(record, e);
                } else {
                    releaseRecord(record, e);
                }
                throw e;
            }
            return result;
        }
    }

    /**
     * Puts the item back where it was after its links could not follow it: the links still name
     * {@code from}. Should that fail too, the links name a path where nothing is until the move is
     * finished from its record (released to {@link InterruptedMoves}), which is logged.
     *
     * @return whether the item is back
     */
    private boolean moveBack(UserId user, ItemPath from, ItemPath to, RuntimeException failure) {
        try {
            files.move(UserSpaces.toStorage(user, to), UserSpaces.toStorage(user, from), false);
            return true;
        } catch (StorageException | RuntimeException e) {
            failure.addSuppressed(e);
            LOG.log(
                    Level.SEVERE,
                    "the share links of a moved item could not follow it and the item could not be moved back;"
                            + " its links answer 404 until the move is finished from its record in the journal",
                    failure);
            return false;
        }
    }

    /** Removes the record of a move that did not happen or was undone; a failure is logged, not thrown. */
    private void endRecord(Move record, Exception cause) {
        try {
            journal.end(record);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            // left over once this instance is gone: the item is at the source, the record is dropped then
            LOG.log(Level.WARNING, "could not remove the record of a move that did not happen: " + e.getMessage());
        }
    }

    /** Hands a move whose outcome is not known to InterruptedMoves; a failure is logged, not thrown. */
    private void releaseRecord(Move record, Exception cause) {
        try {
            journal.release(record);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            LOG.log(
                    Level.WARNING,
                    "could not hand over the record of an unfinished move; it is finished once this instance"
                            + " is gone: " + e.getMessage());
        }
    }

    /**
     * A meeting's folder belongs to its room, whose links point at it: it is not moved away from
     * under the room, nor is a folder that holds the meeting folders. Only where the files storage
     * holds the meeting folders inside a user's space ({@code [shared_folder] directory} under
     * {@code users/}); by default they sit beside the spaces, out of every user's reach.
     */
    private void refuseRoomFolders(UserId user, ItemPath from) throws ForbiddenException {
        if (roomFolders.isEmpty()) {
            return;
        }
        ItemPath source = UserSpaces.toStorage(user, from);
        ItemPath holder = roomFolders.get();
        boolean roomFolder = source.parent().equals(Optional.of(holder)) && SharedFolder.isFolderName(source.name());
        if (roomFolder || holder.startsWith(source)) {
            throw new ForbiddenException(
                    from + " is or holds the shared folder of a meeting room, which stays where it is");
        }
    }

    @Override
    public TransferResult copy(UserId user, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        checkTransfer("copy", from, to, overwrite);
        stat(user, from);
        long added;
        long replaced;
        try {
            added = Quotas.sizeAt(files, UserSpaces.toStorage(user, from));
            replaced = overwrite ? Quotas.sizeAt(files, UserSpaces.toStorage(user, to)) : 0;
        } catch (StorageException e) {
            throw StorageFailures.ofRead(e, from);
        }
        quotas.reserveCopy(user, added);
        boolean copied = false;
        try {
            TransferResult result = copyTransfer(user, from, to, overwrite);
            copied = true;
            quotas.freed(user, replaced);
            return result;
        } finally {
            if (!copied) {
                quotas.freed(user, added);
            }
        }
    }

    /**
     * The storage call of a copy, with the destination announced and its links deleted when it may
     * be replaced. A copy gets no links: the source keeps its own.
     */
    private TransferResult copyTransfer(UserId user, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        if (!overwrite) {
            return storageTransfer(user, from, to, false, false);
        }
        try (Deletions.Announced destination = deletions.announce(Scope.userSpace(user), to)) {
            shares.deleteByOwnerAndPathPrefix(user, to);
            TransferResult result = storageTransfer(user, from, to, true, false);
            // links a process without the fence made meanwhile (as in delete)
            shares.deleteByOwnerAndPathPrefix(user, to);
            return result;
        }
    }

    private TransferResult storageTransfer(UserId user, ItemPath from, ItemPath to, boolean overwrite, boolean move)
            throws NotFoundException, ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        try {
            ItemPath source = UserSpaces.toStorage(user, from);
            ItemPath destination = UserSpaces.toStorage(user, to);
            TransferResult result =
                    move ? files.move(source, destination, overwrite) : files.copy(source, destination, overwrite);
            return new TransferResult(UserSpaces.toSpace(user, result.item()), result.created());
        } catch (StorageUnavailableException e) {
            throw StorageFailures.upstream(e);
        } catch (ItemNotFoundException e) {
            throw StorageFailures.notFound(from);
        } catch (ItemConflictException e) {
            throw new ConflictException("the folder to hold " + to + " does not exist");
        } catch (DestinationExistsException e) {
            throw new PreconditionFailedException("an item is already at " + to);
        } catch (StorageFullException e) {
            throw StorageFailures.full(e);
        } catch (StorageException e) { // rejected: the last of the sealed family
            throw rejected(e);
        }
    }

    private static void checkTransfer(String operation, ItemPath from, ItemPath to, boolean overwrite) {
        try {
            TransferPaths.check(operation, from, to, overwrite);
        } catch (StorageRejectedException e) {
            throw rejected(e);
        }
        to.checkNewNames();
    }

    @Override
    public int countSharesBelow(UserId user, ItemPath path) {
        Set<ShareId> seen = new HashSet<>();
        Deque<Share> todo = new ArrayDeque<>(shares.findByOwnerAndPathPrefix(user, path));
        while (!todo.isEmpty()) {
            Share s = todo.pop();
            if (seen.add(s.id())) {
                todo.addAll(shares.findChildren(s.id()));
            }
        }
        return seen.size();
    }

    private Optional<StoredItem> ensureSpace(UserId user) throws StorageException {
        files.makeFolder(UserSpaces.root(user));
        return files.stat(UserSpaces.root(user));
    }

    private static ConflictException conflict(ItemPath path) {
        return new ConflictException("an item of another kind is in the way at " + path);
    }

    private static InvalidValueException rejected(StorageException e) {
        return InvalidValueException.withMessage(Field.PATH, e.getMessage());
    }
}
