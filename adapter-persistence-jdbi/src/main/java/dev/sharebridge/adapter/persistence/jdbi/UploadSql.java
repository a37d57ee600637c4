package dev.sharebridge.adapter.persistence.jdbi;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jspecify.annotations.Nullable;

/** The SQL of {@link JdbiUploadRepository}; portable between H2 and PostgreSQL. */
interface UploadSql {

    /** An upload row. */
    record UploadRow(
            String id,
            @Nullable String userId,
            @Nullable String shareId,
            String target,
            long uploadLength,
            long uploadOffset,
            String metadata,
            long createdAt,
            long expiresAt) {}

    @SqlUpdate("""
            INSERT INTO uploads (id, user_id, share_id, target, upload_length, upload_offset, metadata,
                                 created_at, expires_at)
            VALUES (:id, :userId, :shareId, :target, :uploadLength, :uploadOffset, :metadata, :createdAt, :expiresAt)
            """)
    void insert(@BindMethods UploadRow row);

    @SqlQuery("""
            SELECT id, user_id, share_id, target, upload_length, upload_offset, metadata, created_at, expires_at
            FROM uploads WHERE id = :id
            """)
    @RegisterConstructorMapper(UploadRow.class)
    Optional<UploadRow> find(@Bind("id") String id);

    @SqlUpdate("UPDATE uploads SET upload_offset = :offset, expires_at = :expiresAt WHERE id = :id")
    int progress(@Bind("id") String id, @Bind("offset") long offset, @Bind("expiresAt") long expiresAt);

    @SqlUpdate("DELETE FROM uploads WHERE id = :id")
    int delete(@Bind("id") String id);

    @SqlQuery("SELECT id FROM uploads WHERE expires_at <= :now ORDER BY expires_at LIMIT :limit")
    List<String> expired(@Bind("now") long now, @Bind("limit") int limit);
}
