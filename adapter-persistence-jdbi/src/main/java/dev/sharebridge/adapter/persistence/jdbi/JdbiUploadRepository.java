package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.upload.PendingUpload;
import dev.sharebridge.application.port.out.upload.UploadOwner;
import dev.sharebridge.application.port.out.upload.UploadRepository;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.upload.UploadId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link UploadRepository} on the {@code uploads} table (V9__uploads.sql). */
final class JdbiUploadRepository implements UploadRepository {
    private final UploadSql sql;

    JdbiUploadRepository(Jdbi jdbi) {
        this.sql = jdbi.onDemand(UploadSql.class);
    }

    @Override
    public void insert(PendingUpload upload) {
        String user = upload.owner() instanceof UploadOwner.User u ? u.id().value() : null;
        String share = upload.owner() instanceof UploadOwner.Link l ? l.id().toString() : null;
        try {
            sql.insert(new UploadSql.UploadRow(
                    upload.id().value(),
                    user,
                    share,
                    upload.target().relative(),
                    upload.length(),
                    upload.offset(),
                    upload.metadata(),
                    Instants.toMillis(upload.createdAt()),
                    Instants.toMillis(upload.expiresAt())));
        } catch (RuntimeException e) {
            if (SqlStates.isIntegrityViolation(e)) {
                throw new IllegalStateException("the upload's user or link does not exist, or the upload does");
            }
            throw e;
        }
    }

    @Override
    public Optional<PendingUpload> find(UploadId id) {
        return sql.find(id.value()).map(JdbiUploadRepository::toUpload);
    }

    private static PendingUpload toUpload(UploadSql.UploadRow r) {
        UploadOwner owner = r.userId() != null
                ? new UploadOwner.User(UserId.of(r.userId()))
                : new UploadOwner.Link(ShareId.of(r.shareId()));
        return new PendingUpload(
                new UploadId(r.id()),
                owner,
                ItemPath.parse(r.target()),
                r.uploadLength(),
                r.uploadOffset(),
                r.metadata(),
                Instant.ofEpochMilli(r.createdAt()),
                Instant.ofEpochMilli(r.expiresAt()));
    }

    @Override
    public boolean progress(UploadId id, long offset, Instant expiresAt) {
        return sql.progress(id.value(), offset, Instants.toMillis(expiresAt)) == 1;
    }

    @Override
    public boolean delete(UploadId id) {
        return sql.delete(id.value()) == 1;
    }

    @Override
    public List<UploadId> expired(Instant now, int limit) {
        return sql.expired(Instants.toMillis(now), limit).stream()
                .map(UploadId::new)
                .toList();
    }
}
