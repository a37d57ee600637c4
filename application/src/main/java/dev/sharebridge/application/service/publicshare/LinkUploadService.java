package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.ChecksumMismatchException;
import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.GoneException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.upload.Chunk;
import dev.sharebridge.application.port.in.upload.LinkUploadsUseCase;
import dev.sharebridge.application.port.in.upload.NewUpload;
import dev.sharebridge.application.port.in.upload.UploadStatus;
import dev.sharebridge.application.port.out.upload.UploadOwner;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.upload.UploadEngine;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.upload.UploadId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Resumable uploads through a link: the link's checks ({@link LinkGate}) on every call, write
 * permission, and for a file drop (write without read) a target where nothing is, checked when the
 * upload begins and again before the file is placed.
 */
final class LinkUploadService implements LinkUploadsUseCase {
    private final LinkGate gate;
    private final UploadEngine engine;
    private final Clock clock;

    LinkUploadService(LinkGate gate, UploadEngine engine, Clock clock) {
        this.gate = gate;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public UploadStatus create(PublicAccess access, NewUpload upload)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    TooLargeException, ConflictException, UpstreamUnavailableException, InsufficientStorageException {
        Link link = writable(access);
        ItemPath subpath = upload.target();
        subpath.checkNewNames();
        checkTarget(link, subpath);
        UploadStatus status = engine.create(
                owner(link), link.share().createdBy(), Optional.of(link.share().id()), upload);
        if (upload.length() == 0) {
            try {
                return append(access, status.id(), new Chunk(0, InputStream.nullInputStream(), Optional.empty()));
            } catch (GoneException | ChecksumMismatchException e) {
                throw new IllegalStateException("a new upload of 0 bytes cannot be gone or mismatched", e);
            }
        }
        return status;
    }

    @Override
    public UploadStatus status(PublicAccess access, UploadId id)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    GoneException {
        return engine.status(engine.find(owner(writable(access)), id));
    }

    @Override
    public UploadStatus append(PublicAccess access, UploadId id, Chunk chunk)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException,
                    GoneException, ConflictException, ChecksumMismatchException, TooLargeException,
                    UpstreamUnavailableException, InsufficientStorageException {
        Link link = writable(access);
        try (UploadEngine.Written written = engine.write(owner(link), id, chunk)) {
            if (!written.isComplete()) {
                return written.status();
            }
            ItemPath subpath = written.upload().target();
            // the link once more: it may have been revoked, expired or narrowed while the bytes came
            Link now;
            try {
                now = writable(access);
                checkTarget(now, subpath);
            } catch (NotFoundException | ForbiddenException | ConflictException permanent) {
                written.discard();
                throw permanent;
            }
            long replaced;
            try (InputStream content = written.content()) {
                replaced = now.storage()
                        .stat(now.target(subpath))
                        .filter(i -> !i.isFolder())
                        .map(StoredItem::size)
                        .orElse(0L);
                now.storage().write(now.target(subpath), content);
            } catch (StorageException e) {
                try {
                    throw StorageFailures.ofWrite(e, subpath);
                } catch (ConflictException | NotFoundException | InvalidValueException permanent) {
                    written.discard();
                    throw permanent;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return written.placed(replaced);
        }
    }

    @Override
    public void cancel(PublicAccess access, UploadId id)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException {
        engine.cancel(owner(writable(access)), id);
    }

    private Link writable(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException {
        Link link = gate.enter(access, clock.instant());
        if (!link.permissions().write()) {
            throw new ForbiddenException("this link does not allow uploads");
        }
        return link;
    }

    /** Below a shared file nothing can go; a folder in the way is a conflict; a drop adds new files only. */
    private static void checkTarget(Link link, ItemPath subpath)
            throws NotFoundException, ForbiddenException, ConflictException, UpstreamUnavailableException {
        if (subpath.isRoot()) {
            throw new InvalidValueException(Field.PATH, "a file needs a name below the shared folder");
        }
        ItemPath target = link.target(subpath);
        Optional<StoredItem> existing;
        try {
            existing = link.storage().stat(target);
        } catch (StorageException e) {
            throw StorageFailures.ofRead(e, subpath);
        }
        if (existing.isPresent() && existing.get().isFolder()) {
            throw new ConflictException("a folder is in the way at " + subpath);
        }
        if (existing.isPresent() && !link.permissions().read()) {
            throw new ForbiddenException("this link accepts new files only");
        }
    }

    private static UploadOwner owner(Link link) {
        return new UploadOwner.Link(link.share().id());
    }
}
