package dev.sharebridge.application.port.in.file;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import java.io.InputStream;
import java.util.OptionalLong;

/** Streams a file into the caller's space, creating parents; replaces an existing file. */
public interface UploadFileUseCase {
    /** A body of unknown length (as a chunked request's). */
    default WriteResult upload(UserId user, ItemPath path, InputStream content)
            throws ConflictException, UpstreamUnavailableException, InsufficientStorageException, TooLargeException {
        return upload(user, path, content, OptionalLong.empty());
    }

    /**
     * @param length the body's announced length ({@code Content-Length}), when known: over the
     *     largest file or the quota, the upload is refused before a byte is read
     * @throws TooLargeException when the file is larger than the server's largest file
     * @throws InsufficientStorageException when the storage or the space's quota has no room for it
     */
    WriteResult upload(UserId user, ItemPath path, InputStream content, OptionalLong length)
            throws ConflictException, UpstreamUnavailableException, InsufficientStorageException, TooLargeException;
}
