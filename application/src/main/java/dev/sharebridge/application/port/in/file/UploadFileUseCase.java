package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import java.io.InputStream;

/** Streams a file into the caller's space, creating parents; replaces an existing file. */
public interface UploadFileUseCase {
    WriteResult upload(UserId user, ItemPath path, InputStream content)
            throws ConflictException, UpstreamUnavailableException, InsufficientStorageException;
}
