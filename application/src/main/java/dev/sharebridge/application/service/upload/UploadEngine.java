package dev.sharebridge.application.service.upload;

import dev.sharebridge.application.error.ChecksumMismatchException;
import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.GoneException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.port.in.upload.Chunk;
import dev.sharebridge.application.port.in.upload.NewUpload;
import dev.sharebridge.application.port.in.upload.SweepUploadsUseCase;
import dev.sharebridge.application.port.in.upload.UploadStatus;
import dev.sharebridge.application.port.out.upload.PendingUpload;
import dev.sharebridge.application.port.out.upload.UploadOwner;
import dev.sharebridge.application.port.out.upload.UploadParts;
import dev.sharebridge.application.port.out.upload.UploadQuota;
import dev.sharebridge.application.port.out.upload.UploadRepository;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.upload.UploadId;
import dev.sharebridge.domain.user.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The state and bytes of resumable uploads, the part the owner's and the links' services share
 * (docs/uploads.md). It knows who began an upload, its target, length, durable offset and expiry
 * ({@link UploadRepository}), and its bytes so far ({@link UploadParts}); the services decide who
 * may do what and put the finished file in place.
 *
 * <p>The offset a client is told is the one stored, and it is stored only after the bytes are
 * synced to disk: a crash never makes a client skip bytes. A chunk whose body breaks off keeps
 * what arrived. The stored offset reaches the length only when the file is in place (the row is
 * then deleted): until then it stays one byte short, so a client whose last chunk was answered
 * with a failure of the storage sends that byte again, which places the file again.
 */
public final class UploadEngine implements SweepUploadsUseCase {
    private static final Logger LOG = Logger.getLogger(UploadEngine.class.getName());
    private static final int SWEEP_BATCH = 500;
    static final String NOT_FOUND = "no such upload";
    static final String FULL = "the server has no room for this upload now; nothing more of it was kept";

    private final UploadRepository uploads;
    private final UploadParts parts;
    private final UploadQuota quota;
    private final UploadSettings settings;
    private final Clock clock;
    private final SecureRandom random;

    public UploadEngine(
            UploadRepository uploads,
            UploadParts parts,
            UploadQuota quota,
            UploadSettings settings,
            Clock clock,
            SecureRandom random) {
        this.uploads = Objects.requireNonNull(uploads, "uploads");
        this.parts = Objects.requireNonNull(parts, "parts");
        this.quota = Objects.requireNonNull(quota, "quota");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public UploadSettings settings() {
        return settings;
    }

    /**
     * Admits the size (the server's largest upload, then the quota hook) and stores a new upload
     * with its empty partial file. The row comes first, so that a partial file never exists
     * without its row except after a deletion (which the sweep finishes).
     */
    public UploadStatus create(UploadOwner owner, UserId space, Optional<ShareId> link, NewUpload request)
            throws TooLargeException, InsufficientStorageException {
        if (request.length() > settings.maxBytes()) {
            throw new TooLargeException("an upload may have at most " + settings.maxBytes() + " bytes");
        }
        quota.admit(new UploadQuota.Request(space, link, request.length()));
        Instant now = clock.instant();
        PendingUpload upload = new PendingUpload(
                UploadId.random(random),
                owner,
                request.target(),
                request.length(),
                0,
                request.metadata(),
                now,
                now.plus(settings.expiry()));
        uploads.insert(upload);
        try {
            parts.create(upload.id());
        } catch (IOException e) {
            uploads.delete(upload.id());
            quota.release(owner, upload.length());
            throw diskFailure(e);
        }
        return status(upload);
    }

    /** The upload, if {@code owner} began it and it has not expired. */
    public PendingUpload find(UploadOwner owner, UploadId id) throws NotFoundException, GoneException {
        Optional<PendingUpload> found = uploads.find(id);
        if (found.isEmpty() || !found.get().owner().equals(owner)) {
            throw new NotFoundException(NOT_FOUND);
        }
        if (found.get().isExpired(clock.instant())) {
            throw new GoneException("this upload has expired");
        }
        return found.get();
    }

    /** Gives the upload up: its row, then its bytes. */
    public void cancel(UploadOwner owner, UploadId id) throws NotFoundException {
        Optional<PendingUpload> found = uploads.find(id);
        if (found.isEmpty() || !found.get().owner().equals(owner) || !uploads.delete(id)) {
            throw new NotFoundException(NOT_FOUND);
        }
        quota.release(owner, found.get().length());
        deleteBytes(id);
    }

    /**
     * Writes one chunk under the upload's writer lock. The caller places the file when
     * {@link Written#isComplete} (while the lock is still held) and closes what is returned.
     */
    public Written write(UploadOwner owner, UploadId id, Chunk chunk)
            throws NotFoundException, GoneException, ConflictException, ChecksumMismatchException, TooLargeException,
                    InsufficientStorageException {
        PendingUpload upload = find(owner, id);
        if (chunk.offset() != upload.offset()) {
            throw new ConflictException(
                    "Upload-Offset " + chunk.offset() + " is not the upload's offset " + upload.offset());
        }
        UploadParts.Writer writer = open(id);
        try {
            Written written = append(upload, writer, chunk);
            writer = null; // the caller closes it
            return written;
        } finally {
            if (writer != null) {
                closeQuietly(writer);
            }
        }
    }

    private Written append(PendingUpload upload, UploadParts.Writer writer, Chunk chunk)
            throws NotFoundException, ChecksumMismatchException, TooLargeException, InsufficientStorageException {
        MessageDigest sha1 = chunk.sha1().isPresent() ? sha1() : null;
        InputStream body = sha1 == null ? chunk.body() : new DigestInputStream(chunk.body(), sha1);
        long length = upload.length();
        UploadParts.Appended appended;
        try {
            appended = writer.append(upload.offset(), body, length - upload.offset());
        } catch (IOException e) {
            throw diskFailure(e);
        }
        long size = appended.size();
        if (appended.bodyFailure().isPresent()) {
            // what arrived is synced; without a checksum to hold it to, it counts
            if (sha1 == null && size > upload.offset()) {
                keep(upload, Math.min(size, length - 1));
            }
            throw new UncheckedIOException(
                    "the request body broke off after " + (size - upload.offset()) + " bytes",
                    appended.bodyFailure().get());
        }
        if (sha1 != null && !MessageDigest.isEqual(sha1.digest(), chunk.sha1().get())) {
            throw new ChecksumMismatchException("the chunk's bytes do not have the SHA-1 of Upload-Checksum");
        }
        if (size == length && hasMore(chunk.body())) {
            throw new TooLargeException("the chunk goes beyond the upload's length of " + length + " bytes");
        }
        if (size < length) {
            return new Written(this, keep(upload, size), writer, false);
        }
        // all here: the stored offset stays one short until the file is in place
        PendingUpload full = length == 0 ? upload : keep(upload, length - 1);
        return new Written(this, full, writer, true);
    }

    private PendingUpload keep(PendingUpload upload, long offset) throws NotFoundException {
        Instant expires = clock.instant().plus(settings.expiry());
        if (!uploads.progress(upload.id(), offset, expires)) {
            throw new NotFoundException("the upload was cancelled meanwhile");
        }
        return upload.withProgress(offset, expires);
    }

    private static boolean hasMore(InputStream body) {
        try {
            return body.read() != -1;
        } catch (IOException e) {
            return false; // the chunk itself is complete; what comes after it is no part of it
        }
    }

    private UploadParts.Writer open(UploadId id)
            throws NotFoundException, ConflictException, InsufficientStorageException {
        try {
            return parts.open(id);
        } catch (UploadParts.BusyException e) {
            throw new ConflictException("another request is writing this upload; ask for its offset and resume");
        } catch (NoSuchFileException e) {
            LOG.log(Level.WARNING, "the partial file of upload {0} is missing; is the upload directory shared?", id);
            throw new NotFoundException(NOT_FOUND);
        } catch (IOException e) {
            throw diskFailure(e);
        }
    }

    /** A chunk written and its writer lock still held: the caller places the file if complete, and closes it. */
    public static final class Written implements AutoCloseable {
        private final UploadEngine engine;
        private final PendingUpload upload;
        private final UploadParts.Writer writer;
        private final boolean complete;
        private boolean done;

        Written(UploadEngine engine, PendingUpload upload, UploadParts.Writer writer, boolean complete) {
            this.engine = engine;
            this.upload = upload;
            this.writer = writer;
            this.complete = complete;
        }

        /** Every byte is here: the caller places the file, then calls {@link #placed} (or {@link #discard}). */
        public boolean isComplete() {
            return complete;
        }

        public PendingUpload upload() {
            return upload;
        }

        /** Where the upload stands now (before placing, one byte short when complete). */
        public UploadStatus status() {
            return engine.status(upload);
        }

        /** The whole partial file, for placing it. */
        public InputStream content() {
            try {
                return writer.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The file is in place: the upload is over (row and bytes go).
         *
         * @param replaced the bytes of the file it replaced (0 for a new file), which the space no longer holds
         * @return its final status
         */
        public UploadStatus placed(long replaced) {
            done = true;
            if (engine.uploads.delete(upload.id())) {
                engine.quota.replaced(upload.owner(), replaced);
            }
            return new UploadStatus(
                    upload.id(), upload.length(), upload.length(), upload.metadata(), upload.expiresAt());
        }

        /** The file can never be placed (its target or link is gone, a folder is in the way): the upload goes. */
        public void discard() {
            done = true;
            if (engine.uploads.delete(upload.id())) {
                engine.quota.release(upload.owner(), upload.length());
            }
        }

        @Override
        public void close() {
            closeQuietly(writer);
            if (done) {
                engine.deleteBytes(upload.id());
            }
        }
    }

    @Override
    public int sweep(Instant now) {
        int removed = 0;
        List<UploadId> batch;
        do {
            batch = uploads.expired(now, SWEEP_BATCH);
            for (UploadId id : batch) {
                Optional<PendingUpload> upload = uploads.find(id);
                if (uploads.delete(id)) {
                    removed++;
                    upload.ifPresent(u -> quota.release(u.owner(), u.length()));
                }
                deleteBytes(id);
            }
        } while (batch.size() == SWEEP_BATCH);
        List<UploadId> stored;
        try {
            stored = parts.stored();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "the partial files of uploads could not be listed", e);
            return removed;
        }
        for (UploadId id : stored) {
            // a partial file is made after its row and deleted after it: no row, no upload
            if (uploads.find(id).isEmpty()) {
                deleteBytes(id);
                removed++;
            }
        }
        return removed;
    }

    /** The upload as a client sees it. */
    public UploadStatus status(PendingUpload upload) {
        return new UploadStatus(upload.id(), upload.length(), upload.offset(), upload.metadata(), upload.expiresAt());
    }

    private void deleteBytes(UploadId id) {
        try {
            parts.delete(id);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "the partial file of an upload could not be deleted; the sweep tries again", e);
        }
    }

    private static void closeQuietly(UploadParts.Writer writer) {
        try {
            writer.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a partial file failed", e);
        }
    }

    private static InsufficientStorageException full(IOException e) {
        return new InsufficientStorageException(FULL, e);
    }

    private static RuntimeException diskFailureUnchecked(IOException e) {
        return new UncheckedIOException("the partial file of an upload failed", e);
    }

    private static InsufficientStorageException diskFailure(IOException e) {
        if (e instanceof UploadParts.FullException) {
            return full(e);
        }
        throw diskFailureUnchecked(e);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing", e);
        }
    }
}
