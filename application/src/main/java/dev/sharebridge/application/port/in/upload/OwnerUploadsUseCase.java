package dev.sharebridge.application.port.in.upload;

import dev.sharebridge.application.error.ChecksumMismatchException;
import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.GoneException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.upload.UploadId;
import dev.sharebridge.domain.user.UserId;

/**
 * Resumable uploads into the caller's own space (docs/uploads.md). Another user's upload is not
 * found. The file appears at its target only when every byte has arrived, replacing a file there.
 */
public interface OwnerUploadsUseCase {

    /**
     * Begins an upload: the target is checked (valid names, not the root, no folder in the way) and
     * the size is admitted (the server's largest upload, then the quota hook) before any byte is sent.
     * An upload of 0 bytes is complete at once.
     */
    UploadStatus create(UserId user, NewUpload upload)
            throws TooLargeException, ConflictException, UpstreamUnavailableException, InsufficientStorageException,
                    NotFoundException, ForbiddenException;

    /** Where the upload stands ({@code HEAD}). */
    UploadStatus status(UserId user, UploadId id) throws NotFoundException, GoneException;

    /**
     * Appends one chunk ({@code PATCH}) and, when it is the last, puts the file in place.
     *
     * @throws ConflictException when the chunk's offset is not the upload's (or another chunk is
     *     being written), or an item of another kind is in the way of the file
     * @throws ChecksumMismatchException when the chunk's SHA-1 differs; nothing of it is kept
     * @throws TooLargeException when the chunk goes beyond the announced length; nothing of it is kept
     */
    UploadStatus append(UserId user, UploadId id, Chunk chunk)
            throws NotFoundException, GoneException, ConflictException, ChecksumMismatchException, TooLargeException,
                    UpstreamUnavailableException, InsufficientStorageException, ForbiddenException;

    /** Gives the upload up and deletes its bytes ({@code DELETE}). */
    void cancel(UserId user, UploadId id) throws NotFoundException;
}
