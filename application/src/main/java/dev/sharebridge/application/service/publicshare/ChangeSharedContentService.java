package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.publicshare.ChangeSharedContentUseCase;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.service.file.Deletions;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import java.io.InputStream;
import java.time.Clock;

/** Uploads, new folders and deletions through a link. */
final class ChangeSharedContentService implements ChangeSharedContentUseCase {
    private final LinkGate gate;
    private final ShareRepository shares;
    private final Deletions deletions;
    private final Clock clock;

    ChangeSharedContentService(LinkGate gate, ShareRepository shares, Deletions deletions, Clock clock) {
        this.gate = gate;
        this.shares = shares;
        this.deletions = deletions;
        this.clock = clock;
    }

    /**
     * A file drop (write without read) may only add new files. The existence check and the write
     * are two steps; a drop racing another upload to the same new name may replace it.
     */
    @Override
    public WriteResult upload(PublicAccess access, ItemPath subpath, InputStream content)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        Link link = gate.enter(access, clock.instant());
        if (!link.permissions().write()) {
            throw new ForbiddenException("this link does not allow uploads");
        }
        subpath.checkNewNames();
        ItemPath target = link.target(subpath);
        try {
            if (!link.permissions().read() && link.storage().stat(target).isPresent()) {
                throw new ForbiddenException("this link accepts new files only");
            }
            WriteResult result = link.storage().write(target, content);
            return new WriteResult(link.present(result.item()), result.created());
        } catch (StorageException e) {
            throw StorageFailures.ofWrite(e, subpath);
        }
    }

    @Override
    public boolean makeFolder(PublicAccess access, ItemPath subpath)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        Link link = gate.enter(access, clock.instant());
        LinkGate.requireReadWrite(link);
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

    private static void deleteItem(Link link, ItemPath target, ItemPath subpath)
            throws NotFoundException, ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        boolean deleted;
        try {
            deleted = link.storage().delete(target);
        } catch (StorageException e) {
            throw StorageFailures.ofWrite(e, subpath);
        }
        if (!deleted) {
            throw StorageFailures.notFound(subpath);
        }
    }
}
