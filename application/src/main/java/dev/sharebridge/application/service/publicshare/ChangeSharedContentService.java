package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.PreconditionFailedException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.TransferItemUseCase;
import dev.sharebridge.application.port.in.publicshare.ChangeSharedContentUseCase;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.service.file.Deletions;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.application.service.quota.Quotas;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.DestinationExistsException;
import dev.sharebridge.domain.storage.ItemConflictException;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.TransferPaths;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;

/** Uploads, new folders, deletions, moves and copies through a link. */
final class ChangeSharedContentService implements ChangeSharedContentUseCase {
    private final LinkGate gate;
    private final ShareRepository shares;
    private final Deletions deletions;
    private final Clock clock;
    private final Optional<TransferItemUseCase> ownerMoves;
    private final Quotas quotas;

    /**
     * @param ownerMoves the owner's move (FileService), which a move through a link of the owner's
     *     is: its links follow it, journaled against a crash; without it, an item with links is
     *     not moved through a link
     */
    ChangeSharedContentService(
            LinkGate gate,
            ShareRepository shares,
            Deletions deletions,
            Clock clock,
            Optional<TransferItemUseCase> ownerMoves,
            Quotas quotas) {
        this.quotas = quotas;
        this.gate = gate;
        this.shares = shares;
        this.deletions = deletions;
        this.clock = clock;
        this.ownerMoves = ownerMoves;
    }

    /**
     * A file drop (write without read) may only add new files. The existence check and the write
     * are two steps; a drop racing another upload to the same new name may replace it.
     */
    @Override
    public WriteResult upload(PublicAccess access, ItemPath subpath, InputStream content, OptionalLong length)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException, TooLargeException {
        Link link = gate.enter(access, clock.instant());
        if (!link.permissions().write()) {
            throw new ForbiddenException("this link does not allow uploads");
        }
        subpath.checkNewNames();
        ItemPath target = link.target(subpath);
        Quotas.Reservation reservation = quotas.begin(link.share(), length);
        boolean committed = false;
        try {
            Optional<StoredItem> existing = link.storage().stat(target);
            if (!link.permissions().read() && existing.isPresent()) {
                throw new ForbiddenException("this link accepts new files only");
            }
            long replaced =
                    existing.filter(i -> !i.isFolder()).map(StoredItem::size).orElse(0L);
            WriteResult result;
            try {
                result = link.storage().write(target, reservation.count(content));
            } catch (StorageException | RuntimeException e) {
                Quotas.rethrowCrossed(e);
                throw e;
            }
            reservation.commit(result.item().size(), replaced);
            committed = true;
            return new WriteResult(link.present(result.item()), result.created());
        } catch (StorageException e) {
            throw StorageFailures.ofWrite(e, subpath);
        } finally {
            if (!committed) {
                reservation.cancel();
            }
        }
    }

    @Override
    public boolean makeFolder(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        Link link = gate.enter(access, clock.instant());
        if (!link.permissions().write()) {
            throw new ForbiddenException("this link does not allow changing its content");
        }
        subpath.checkNewNames();
        try {
            return link.storage().makeFolder(link.target(subpath));
        } catch (StorageException e) {
            throw StorageFailures.ofWrite(e, subpath);
        }
    }

    /**
     * Like the owner-side delete (see FileService): announced on the fence, the owner's links on
     * the item deleted before and after it. A room's links are all on its folder's root, which
     * cannot be deleted through a link, so inside a room folder there are none to delete.
     */
    @Override
    public void delete(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        Link link = gate.enter(access, clock.instant());
        LinkGate.requireReadWrite(link);
        if (subpath.isRoot()) {
            throw new ForbiddenException("the shared item itself cannot be deleted through its link");
        }
        ItemPath target = link.target(subpath);
        if (link.share().isRoomLink()) {
            deleteItem(link, target, subpath);
            return;
        }
        UserId owner = link.share().createdBy();
        ItemPath inSpace = link.share().itemPath().resolve(subpath);
        try (Deletions.Announced announced = deletions.announce(Scope.userSpace(owner), inSpace)) {
            shares.deleteByOwnerAndPathPrefix(owner, inSpace);
            try {
                deleteItem(link, target, subpath);
            } finally {
                shares.deleteByOwnerAndPathPrefix(owner, inSpace);
            }
        }
    }

    @Override
    public TransferResult move(PublicAccess access, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        return transfer(access, from, to, overwrite, true);
    }

    @Override
    public TransferResult copy(PublicAccess access, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        return transfer(access, from, to, overwrite, false);
    }

    @Override
    public void checkChange(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException {
        LinkGate.requireReadWrite(gate.enter(access, clock.instant()));
    }

    /**
     * As the owner's move and copy (FileService): in the owner's space, the source announced on
     * the fence while its links are looked for (a move), the destination while the item it
     * replaces is deleted with its links. Inside a room's folder there are no links to mind (a
     * room's links are all on its root, which is never moved, copied or replaced here).
     */
    private TransferResult transfer(PublicAccess access, ItemPath from, ItemPath to, boolean overwrite, boolean move)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        Link link = gate.enter(access, clock.instant());
        LinkGate.requireReadWrite(link);
        if (from.isRoot() || to.isRoot()) {
            throw new ForbiddenException("the shared item itself cannot be moved, copied or replaced through its link");
        }
        String operation = move ? "move" : "copy";
        try {
            TransferPaths.check(operation, from, to, overwrite);
        } catch (StorageRejectedException e) {
            throw InvalidValueException.withMessage(Field.PATH, e.getMessage());
        }
        to.checkNewNames();
        ItemPath source = link.target(from);
        ItemPath destination = link.target(to);
        if (link.share().isRoomLink()) {
            return storageTransfer(link, source, destination, from, to, overwrite, move);
        }
        UserId owner = link.share().createdBy();
        ItemPath inSpace = link.share().itemPath();
        Scope scope = Scope.userSpace(owner);
        if (!move) {
            return replacing(link, scope, inSpace.resolve(to), source, destination, from, to, overwrite, false);
        }
        if (ownerMoves.isPresent()) {
            return ownerMove(ownerMoves.get(), owner, inSpace, from, to, overwrite);
        }
        try (Deletions.Announced announced = deletions.announce(scope, inSpace.resolve(from))) {
            if (!shares.findByOwnerAndPathPrefix(owner, inSpace.resolve(from)).isEmpty()) {
                throw new ForbiddenException("share links are on " + from
                        + " or below it; moving an item with share links is not supported yet");
            }
            return replacing(link, scope, inSpace.resolve(to), source, destination, from, to, overwrite, true);
        }
    }

    /**
     * A move inside a link of the owner's is the owner's move of the same items (their links
     * follow), answered in the link's terms: its failures name paths inside the link only, never
     * where the link's item is in the owner's space.
     */
    private static TransferResult ownerMove(
            TransferItemUseCase moves, UserId owner, ItemPath inSpace, ItemPath from, ItemPath to, boolean overwrite)
            throws NotFoundException, ForbiddenException, ConflictException, PreconditionFailedException,
                    UpstreamUnavailableException, InsufficientStorageException {
        TransferResult moved;
        try {
            moved = moves.move(owner, inSpace.resolve(from), inSpace.resolve(to), overwrite);
        } catch (NotFoundException e) {
            throw StorageFailures.notFound(from);
        } catch (ConflictException e) {
            throw new ConflictException("the folder to hold " + to + " does not exist");
        } catch (PreconditionFailedException e) {
            throw new PreconditionFailedException("an item is already at " + to);
        } catch (ForbiddenException e) {
            throw new ForbiddenException(from + " cannot be moved: it is or holds a meeting room's folder");
        }
        StoredItem item = moved.item();
        return new TransferResult(UserSpaces.relocate(item, item.path().relativeTo(inSpace)), moved.created());
    }

    /** The storage call; with overwrite, the destination announced and its links deleted before and after. */
    private TransferResult replacing(
            Link link,
            Scope scope,
            ItemPath toInSpace,
            ItemPath source,
            ItemPath destination,
            ItemPath from,
            ItemPath to,
            boolean overwrite,
            boolean move)
            throws NotFoundException, ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        if (!overwrite) {
            return storageTransfer(link, source, destination, from, to, false, move);
        }
        UserId owner = link.share().createdBy();
        try (Deletions.Announced announced = deletions.announce(scope, toInSpace)) {
            shares.deleteByOwnerAndPathPrefix(owner, toInSpace);
            TransferResult result = storageTransfer(link, source, destination, from, to, true, move);
            shares.deleteByOwnerAndPathPrefix(owner, toInSpace);
            return result;
        }
    }

    private TransferResult storageTransfer(
            Link link,
            ItemPath source,
            ItemPath destination,
            ItemPath from,
            ItemPath to,
            boolean overwrite,
            boolean move)
            throws NotFoundException, ConflictException, PreconditionFailedException, UpstreamUnavailableException,
                    InsufficientStorageException {
        long added = 0;
        long replaced = 0;
        boolean done = false;
        try {
            if (!move) {
                // a copy adds to the owner's space what it copies, less what it replaces
                added = Quotas.sizeAt(link.storage(), source);
                replaced = overwrite ? Quotas.sizeAt(link.storage(), destination) : 0;
                quotas.reserveCopy(link.share(), added);
            }
            TransferResult result = move
                    ? link.storage().move(source, destination, overwrite)
                    : link.storage().copy(source, destination, overwrite);
            done = true;
            quotas.freed(link.share(), replaced);
            return new TransferResult(link.present(result.item()), result.created());
        } catch (DestinationExistsException e) {
            throw new PreconditionFailedException("an item is already at " + to);
        } catch (ItemConflictException e) {
            throw new ConflictException("the folder to hold " + to + " does not exist");
        } catch (StorageException e) {
            throw StorageFailures.ofWrite(e, from);
        } finally {
            if (!done) {
                quotas.freed(link.share(), added);
            }
        }
    }

    private void deleteItem(Link link, ItemPath target, ItemPath subpath)
            throws NotFoundException, ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        boolean deleted;
        try {
            long size = Quotas.sizeAt(link.storage(), target);
            deleted = link.storage().delete(target);
            if (deleted) {
                quotas.freed(link.share(), size);
            }
        } catch (StorageException e) {
            throw StorageFailures.ofWrite(e, subpath);
        }
        if (!deleted) {
            throw StorageFailures.notFound(subpath);
        }
    }
}
