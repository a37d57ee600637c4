package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.domain.share.Share;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of {@link JdbiShareRepository}, all of it; portable between H2 and PostgreSQL. Rows map
 * with {@link ShareRowMapper}. User-space shares are those without a {@code room_id}.
 *
 * <p>The statements of the public open path and of the counting ({@link #BY_TOKEN},
 * {@link #LOCK_FOR_COUNTING}, {@link #ADD_GRANTED}) are run in plain JDBC on the pool: through the
 * SqlObject proxy, Jdbi's per-statement work cost as much as H2's own lookup
 * (docs/performance.md). The others go through the annotated methods below.
 */
interface ShareSql {

    String COLUMNS = """
            id, item_path, item_type, room_id, token, password_hash, expires_at, can_read, can_write,
            can_reshare, label, max_accesses, access_count, last_accessed_at, created_at, created_by, parent_id,
            max_upload_bytes, max_file_bytes
            """;

    /**
     * Deletes the roots chosen by the condition between these two parts and, transitively,
     * everything derived from them. H2 does not accept WITH in front of DELETE, but both databases
     * accept it in a subquery, and IN counts a share reached twice only once. (The foreign key
     * cascades too; the explicit closure is what makes the returned count exact.)
     */
    String DELETE_ROOTS = """
            DELETE FROM shares
             WHERE id IN (
                   WITH RECURSIVE doomed (id) AS (
                        SELECT id FROM shares WHERE\s""";

    String WITH_DESCENDANTS = """

                        UNION ALL
                        SELECT s.id FROM shares s JOIN doomed d ON s.parent_id = d.id)
                   SELECT id FROM doomed)
            """;

    /** The public open path's lookup; parameter: the token. Plain JDBC. */
    String BY_TOKEN = "SELECT " + COLUMNS + " FROM shares WHERE token = ?";

    /**
     * Locks one link's row to the commit and reads what decides whether accesses are granted:
     * expiry, limit and count. Parameter: the id. Plain JDBC.
     */
    String LOCK_FOR_COUNTING = "SELECT expires_at, max_accesses, access_count FROM shares WHERE id = ? FOR UPDATE";

    /**
     * Adds the accesses a batch granted on one link, only while they keep it within its limit and
     * the latest of them is before its expiry. Parameters: the count, the latest access time
     * (epoch millis) twice, the id, the count again, the latest access time again. Plain JDBC.
     */
    String ADD_GRANTED = """
            UPDATE shares
               SET access_count = access_count + ?,
                   last_accessed_at = CASE WHEN last_accessed_at IS NULL OR last_accessed_at < ?
                                           THEN ? ELSE last_accessed_at END
             WHERE id = ?
               AND (max_accesses IS NULL OR access_count + ? <= max_accesses)
               AND (expires_at IS NULL OR expires_at > ?)
            """;

    /**
     * The owner's user-space shares on {@code :path} or below it; {@code :below} is a LIKE pattern
     * whose wildcards are escaped with {@code !} (not a backslash, which some parsers treat specially).
     */
    String OWNER_PATH =
            "created_by = :owner AND room_id IS NULL AND (item_path = :path OR item_path LIKE :below ESCAPE '!')";

    @SqlUpdate("""
            INSERT INTO shares (id, item_path, item_type, room_id, token, password_hash, expires_at,
                                can_read, can_write, can_reshare, label, max_accesses, access_count,
                                last_accessed_at, created_at, created_by, parent_id, max_upload_bytes,
                                max_file_bytes)
            VALUES (:id, :itemPath, :itemType, :roomId, :token, :passwordHash, :expiresAt,
                    :canRead, :canWrite, :canReshare, :label, :maxAccesses, :accessCount,
                    :lastAccessedAt, :createdAt, :createdBy, :parentId, :maxUploadBytes, :maxFileBytes)
            """)
    int insert(
            @Bind("id") String id,
            @Bind("itemPath") String itemPath,
            @Bind("itemType") String itemType,
            @Bind("roomId") String roomId,
            @Bind("token") String token,
            @Bind("passwordHash") String passwordHash,
            @Bind("expiresAt") Long expiresAt,
            @Bind("canRead") boolean canRead,
            @Bind("canWrite") boolean canWrite,
            @Bind("canReshare") boolean canReshare,
            @Bind("label") String label,
            @Bind("maxAccesses") Long maxAccesses,
            @Bind("accessCount") long accessCount,
            @Bind("lastAccessedAt") Long lastAccessedAt,
            @Bind("createdAt") long createdAt,
            @Bind("createdBy") String createdBy,
            @Bind("parentId") String parentId,
            @Bind("maxUploadBytes") Long maxUploadBytes,
            @Bind("maxFileBytes") Long maxFileBytes);

    @SqlQuery("SELECT " + COLUMNS + " FROM shares WHERE id = :id")
    Optional<Share> findById(@Bind("id") String id);

    /** One page after the keyset position (afterCreatedAt, afterId) in (created_at desc, id desc) order. */
    @SqlQuery("SELECT " + COLUMNS + """
              FROM shares
             WHERE created_by = :owner
               AND room_id IS NULL
               AND (created_at < :afterCreatedAt OR (created_at = :afterCreatedAt AND id < :afterId))
             ORDER BY created_at DESC, id DESC
             LIMIT :limit
            """)
    List<Share> listByOwner(
            @Bind("owner") String owner,
            @Bind("afterCreatedAt") long afterCreatedAt,
            @Bind("afterId") String afterId,
            @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + """
              FROM shares
             WHERE created_by = :owner
               AND room_id IS NULL
               AND item_path = :item
               AND (created_at < :afterCreatedAt OR (created_at = :afterCreatedAt AND id < :afterId))
             ORDER BY created_at DESC, id DESC
             LIMIT :limit
            """)
    List<Share> listByOwnerAndItem(
            @Bind("owner") String owner,
            @Bind("item") String item,
            @Bind("afterCreatedAt") long afterCreatedAt,
            @Bind("afterId") String afterId,
            @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM shares WHERE " + OWNER_PATH + " ORDER BY created_at DESC, id DESC")
    List<Share> findByOwnerAndPathPrefix(
            @Bind("owner") String owner, @Bind("path") String path, @Bind("below") String below);

    /** {@link #COLUMNS} of the table named {@code s}. */
    String S_COLUMNS = """
            s.id, s.item_path, s.item_type, s.room_id, s.token, s.password_hash, s.expires_at, s.can_read,
            s.can_write, s.can_reshare, s.label, s.max_accesses, s.access_count, s.last_accessed_at,
            s.created_at, s.created_by, s.parent_id, s.max_upload_bytes, s.max_file_bytes
            """;

    /** {@code :parent} and the links above it, nearest first, at most {@code :max}. */
    @SqlQuery("""
            WITH RECURSIVE up (id, parent_id, depth) AS (
                 SELECT id, parent_id, 1 FROM shares WHERE id = :parent
                 UNION ALL
                 SELECT p.id, p.parent_id, u.depth + 1 FROM shares p JOIN up u ON p.id = u.parent_id
                  WHERE u.depth < :max)
            SELECT\s""" + S_COLUMNS + """
              FROM shares s JOIN up u ON s.id = u.id
             ORDER BY u.depth
            """)
    List<Share> findAncestors(@Bind("parent") String parent, @Bind("max") int max);

    @SqlQuery("SELECT " + COLUMNS + " FROM shares WHERE parent_id = :parent ORDER BY created_at DESC, id DESC")
    List<Share> findChildren(@Bind("parent") String parent);

    @SqlUpdate("""
            UPDATE shares
               SET password_hash = :passwordHash,
                   expires_at = :expiresAt,
                   can_read = :canRead,
                   can_write = :canWrite,
                   can_reshare = :canReshare,
                   label = :label,
                   max_accesses = :maxAccesses
             WHERE id = :id
            """)
    int update(
            @Bind("id") String id,
            @Bind("passwordHash") String passwordHash,
            @Bind("expiresAt") Long expiresAt,
            @Bind("canRead") boolean canRead,
            @Bind("canWrite") boolean canWrite,
            @Bind("canReshare") boolean canReshare,
            @Bind("label") String label,
            @Bind("maxAccesses") Long maxAccesses);

    @SqlUpdate(DELETE_ROOTS + "id = :id" + WITH_DESCENDANTS)
    int deleteWithDescendants(@Bind("id") String id);

    @SqlUpdate(DELETE_ROOTS + OWNER_PATH + WITH_DESCENDANTS)
    int deleteByOwnerAndPathPrefix(@Bind("owner") String owner, @Bind("path") String path, @Bind("below") String below);

    /**
     * The ids and item paths of the owner's user-space shares on {@code :path} or below it, their
     * rows locked to the commit (so a concurrent move of the same links waits for this one).
     */
    @SqlQuery("SELECT id, item_path FROM shares WHERE " + OWNER_PATH + " ORDER BY id FOR UPDATE")
    @RegisterConstructorMapper(MovedRow.class)
    List<MovedRow> lockByOwnerAndPathPrefix(
            @Bind("owner") String owner, @Bind("path") String path, @Bind("below") String below);

    /** One link's row of {@link #lockByOwnerAndPathPrefix}. */
    record MovedRow(
            @ColumnName("id") String id,
            @ColumnName("item_path") String itemPath) {}

    /**
     * Points one link at its item's new path. The new path is computed in Java, not with SQL string
     * functions, whose idea of a character (UTF-16 unit or code point) differs between H2 and
     * PostgreSQL.
     */
    @SqlUpdate("UPDATE shares SET item_path = :to WHERE id = :id AND item_path = :from")
    int moveItemPath(@Bind("id") String id, @Bind("from") String from, @Bind("to") String to);

    @SqlUpdate(DELETE_ROOTS + "created_by = :owner" + WITH_DESCENDANTS)
    int deleteByOwner(@Bind("owner") String owner);

    @SqlUpdate(DELETE_ROOTS + "room_id = :room" + WITH_DESCENDANTS)
    int deleteByRoom(@Bind("room") String room);
}
