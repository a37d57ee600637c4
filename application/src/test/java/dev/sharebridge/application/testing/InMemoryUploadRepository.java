package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.upload.PendingUpload;
import dev.sharebridge.application.port.out.upload.UploadRepository;
import dev.sharebridge.domain.upload.UploadId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link UploadRepository} in memory, for tests of the services. */
public final class InMemoryUploadRepository implements UploadRepository {
    private final Map<UploadId, PendingUpload> rows = new ConcurrentHashMap<>();

    @Override
    public void insert(PendingUpload upload) {
        if (rows.putIfAbsent(upload.id(), upload) != null) {
            throw new IllegalStateException("the upload exists");
        }
    }

    @Override
    public Optional<PendingUpload> find(UploadId id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public boolean progress(UploadId id, long offset, Instant expiresAt) {
        return rows.computeIfPresent(id, (k, u) -> u.withProgress(offset, expiresAt)) != null;
    }

    @Override
    public boolean delete(UploadId id) {
        return rows.remove(id) != null;
    }

    @Override
    public List<UploadId> expired(Instant now, int limit) {
        return rows.values().stream()
                .filter(u -> u.isExpired(now))
                .sorted(Comparator.comparing(PendingUpload::expiresAt))
                .limit(limit)
                .map(PendingUpload::id)
                .toList();
    }

    /** How many rows there are. */
    public int size() {
        return rows.size();
    }
}
