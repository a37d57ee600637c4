package dev.sharebridge.application.port.out.upload;

import dev.sharebridge.domain.upload.UploadId;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The bytes of the uploads in progress, one partial file per upload, never visible in any user's
 * space. Every instance that serves uploads must reach the same partial files (docs/uploads.md).
 */
public interface UploadParts {

    /** Makes the empty partial file of a new upload. */
    void create(UploadId id) throws IOException;

    /**
     * Takes the upload's partial file for writing: one writer at a time per upload, across
     * instances too.
     *
     * @throws BusyException when another writer holds it
     * @throws java.nio.file.NoSuchFileException when there is no partial file
     */
    Writer open(UploadId id) throws IOException;

    /** Deletes the partial file, if there is one. */
    void delete(UploadId id) throws IOException;

    /** Every upload that has a partial file (for the sweep of those whose row is gone). */
    List<UploadId> stored() throws IOException;

    /** The partial file of one upload, held until closed. */
    interface Writer extends Closeable {

        /**
         * Cuts the file back to {@code from} (what was acknowledged), then appends at most
         * {@code max} bytes of {@code body}, and syncs them to disk before returning. When reading
         * the body fails (the client went away), what arrived is kept and synced, and the failure
         * is returned, not thrown.
         *
         * @return the file's size afterwards, all of it synced, and the body's failure if any
         * @throws FullException when the disk has no room (what was written before is synced)
         * @throws IOException when writing or syncing fails
         */
        Appended append(long from, InputStream body, long max) throws IOException;

        /** The whole file, for placing it at its target. */
        InputStream read() throws IOException;
    }

    /** What an append left: the synced size, and why the body ended early if it did. */
    record Appended(long size, Optional<IOException> bodyFailure) {}

    /** Another writer holds the upload. */
    final class BusyException extends IOException {
        private static final long serialVersionUID = 1L;

        public BusyException(String message) {
            super(message);
        }
    }

    /** The disk of the partial files has no room. */
    final class FullException extends IOException {
        private static final long serialVersionUID = 1L;

        public FullException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
