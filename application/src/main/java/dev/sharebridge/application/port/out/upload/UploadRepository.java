package dev.sharebridge.application.port.out.upload;

import dev.sharebridge.domain.upload.UploadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The uploads in progress, shared by every instance on one database. A row goes with its user or
 * its link: deleting either deletes the uploads it began (their bytes are then swept as orphans).
 */
public interface UploadRepository {

    /** Stores a new upload; its id is new (random). */
    void insert(PendingUpload upload);

    Optional<PendingUpload> find(UploadId id);

    /**
     * Records a new durable offset and expiry.
     *
     * @return false when the upload is gone (cancelled, swept, its owner deleted)
     */
    boolean progress(UploadId id, long offset, Instant expiresAt);

    /** @return true when this call deleted it */
    boolean delete(UploadId id);

    /** At most {@code limit} uploads whose expiry is at or before {@code now}. */
    List<UploadId> expired(Instant now, int limit);
}
