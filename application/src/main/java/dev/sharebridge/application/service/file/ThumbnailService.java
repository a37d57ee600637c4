package dev.sharebridge.application.service.file;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.ItemThumbnail;
import dev.sharebridge.application.port.in.file.ThumbnailUseCase;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import dev.sharebridge.domain.user.UserId;
import java.util.Objects;

/** Thumbnails of the files of the caller's space, through the one {@link Thumbnails}. */
public final class ThumbnailService implements ThumbnailUseCase {
    private final StorageProvider files;
    private final Thumbnails thumbnails;

    public ThumbnailService(StorageProvider files, Thumbnails thumbnails) {
        this.files = Objects.requireNonNull(files, "files");
        this.thumbnails = Objects.requireNonNull(thumbnails, "thumbnails");
    }

    @Override
    public ItemThumbnail thumbnail(UserId user, ItemPath path)
            throws NotFoundException, UpstreamUnavailableException, ServiceBusyException {
        if (path.isRoot()) {
            throw StorageFailures.notFound(path);
        }
        try {
            StoredItem item =
                    files.stat(UserSpaces.toStorage(user, path)).orElseThrow(() -> StorageFailures.notFound(path));
            ItemThumbnail made = thumbnails.thumbnail(files, item);
            return new ItemThumbnail(UserSpaces.toSpace(user, made.item()), made.thumbnail());
        } catch (StorageException e) {
            throw StorageFailures.ofRead(e, path);
        }
    }
}
