package dev.sharebridge.application.service.upload;

import dev.sharebridge.application.error.ChecksumMismatchException;
import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.GoneException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.upload.Chunk;
import dev.sharebridge.application.port.in.upload.NewUpload;
import dev.sharebridge.application.port.in.upload.OwnerUploadsUseCase;
import dev.sharebridge.application.port.in.upload.UploadStatus;
import dev.sharebridge.application.port.out.upload.UploadOwner;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.upload.UploadId;
import dev.sharebridge.domain.user.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The owner's resumable uploads into their own space: the target is checked when the upload
 * begins (a name, valid names, no folder in the way) and the file is written into the space
 * through the storage's ordinary write when the last byte has arrived, so readers see the old
 * file or the new one, never a part.
 */
public final class OwnerUploadService implements OwnerUploadsUseCase {
    private final UploadEngine engine;
    private final StorageProvider files;

    public OwnerUploadService(UploadEngine engine, StorageProvider files) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.files = Objects.requireNonNull(files, "files");
    }

    @Override
    public UploadStatus create(UserId user, NewUpload upload)
            throws TooLargeException, ConflictException, UpstreamUnavailableException, InsufficientStorageException,
                    NotFoundException, ForbiddenException {
        ItemPath target = upload.target();
        if (target.isRoot()) {
            throw new InvalidValueException(Field.PATH, "a file needs a name; the root of a space is a folder");
        }
        target.checkNewNames();
        try {
            Optional<StoredItem> existing = files.stat(UserSpaces.toStorage(user, target));
            if (existing.isPresent() && existing.get().isFolder()) {
                throw new ConflictException("a folder is in the way at " + target);
            }
        } catch (StorageException e) {
            throw StorageFailures.ofWrite(e, target);
        }
        UploadOwner owner = new UploadOwner.User(user);
        UploadStatus status = engine.create(owner, user, Optional.empty(), upload);
        if (upload.length() == 0) {
            try {
                return append(user, status.id(), new Chunk(0, InputStream.nullInputStream(), Optional.empty()));
            } catch (GoneException | ChecksumMismatchException e) {
                throw new IllegalStateException("a new upload of 0 bytes cannot be gone or mismatched", e);
            }
        }
        return status;
    }

    @Override
    public UploadStatus status(UserId user, UploadId id) throws NotFoundException, GoneException {
        return engine.status(engine.find(new UploadOwner.User(user), id));
    }

    @Override
    public UploadStatus append(UserId user, UploadId id, Chunk chunk)
            throws NotFoundException, GoneException, ConflictException, ChecksumMismatchException, TooLargeException,
                    UpstreamUnavailableException, InsufficientStorageException, ForbiddenException {
        try (UploadEngine.Written written = engine.write(new UploadOwner.User(user), id, chunk)) {
            if (!written.isComplete()) {
                return written.status();
            }
            ItemPath target = written.upload().target();
            long replaced;
            try (InputStream content = written.content()) {
                ItemPath path = UserSpaces.toStorage(user, target);
                replaced = files.stat(path)
                        .filter(i -> !i.isFolder())
                        .map(StoredItem::size)
                        .orElse(0L);
                files.write(path, content);
            } catch (StorageException e) {
                try {
                    throw StorageFailures.ofWrite(e, target);
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
    public void cancel(UserId user, UploadId id) throws NotFoundException {
        engine.cancel(new UploadOwner.User(user), id);
    }
}
