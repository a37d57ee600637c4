package dev.sharebridge.application.service.file;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PreconditionFailedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.FileUseCases;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The owner-side file operations on one user's space (the folder {@link UserSpaces#root}). Paths
 * come in and go out relative to the space; the space folder is made on first use.
 */
public final class FileService implements FileUseCases {
    private final StorageProvider files;
    private final ShareRepository shares;
    private final Deletions deletions;

    public FileService(StorageProvider files, ShareRepository shares, DeletionFence fence, Clock clock) {
        this.files = Objects.requireNonNull(files, "files");
        this.shares = Objects.requireNonNull(shares, "shares");
        this.deletions = new Deletions(fence, clock);
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
    public WriteResult upload(UserId user, ItemPath path, InputStream content)
            throws ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        if (path.isRoot()) {
            throw new InvalidValueException(Field.PATH, "a file needs a name; the root of a space is a folder");
        }
        path.checkNewNames();
        try {
            WriteResult result = files.write(UserSpaces.toStorage(user, path), content);
            return new WriteResult(UserSpaces.toSpace(user, result.item()), result.created());
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
    public FolderListing list(UserId user, ItemPath folder)
            throws NotFoundException, UpstreamUnavailableException, InsufficientStorageException {
        StoredItem item = stat(user, folder);
        if (!item.isFolder()) {
            throw StorageFailures.notFound(folder);
        }
        try {
            List<StoredItem> children = files.list(UserSpaces.toStorage(user, folder));
            return new FolderListing(
                    item,
                    children.stream().map(c -> UserSpaces.toSpace(user, c)).toList());
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
                removed = files.delete(UserSpaces.toStorage(user, path));
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
     * Announces both paths on the fence before it looks at the links: the source, because nothing
     * will be at it afterwards, and the destination when an item there may be replaced. Under the
     * announcements no link can be made on either, so the look for links on the source holds until
     * the move is done; the replaced item's links are deleted as {@link #delete} deletes them.
     */
    @Override
    public TransferResult move(UserId user, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ConflictException, PreconditionFailedException, ForbiddenException,
                    UpstreamUnavailableException, InsufficientStorageException {
        checkTransfer("move", from, to, overwrite);
        stat(user, from);
        Scope scope = Scope.userSpace(user);
        try (Deletions.Announced source = deletions.announce(scope, from)) {
            if (!shares.findByOwnerAndPathPrefix(user, from).isEmpty()) {
                throw new ForbiddenException("share links are on " + from
                        + " or below it; moving an item with share links is not supported yet");
            }
            return transfer(user, from, to, overwrite, true);
        }
    }

    @Override
    public TransferResult copy(UserId user, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        checkTransfer("copy", from, to, overwrite);
        stat(user, from);
        return transfer(user, from, to, overwrite, false);
    }

    /** The storage call, with the destination announced and its links deleted when it may be replaced. */
    private TransferResult transfer(UserId user, ItemPath from, ItemPath to, boolean overwrite, boolean move)
            throws NotFoundException, ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        if (!overwrite) {
            return storageTransfer(user, from, to, false, move);
        }
        try (Deletions.Announced destination = deletions.announce(Scope.userSpace(user), to)) {
            shares.deleteByOwnerAndPathPrefix(user, to);
            TransferResult result = storageTransfer(user, from, to, true, move);
            // links a process without the fence made meanwhile (as in delete); the item now at
            // the destination came without links, as the source had none or kept its own
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
