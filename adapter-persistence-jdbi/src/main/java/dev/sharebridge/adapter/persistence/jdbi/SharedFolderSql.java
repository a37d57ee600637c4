package dev.sharebridge.adapter.persistence.jdbi;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The SQL of {@link JdbiSharedFolderRepository}; portable between H2 and PostgreSQL. Rows map with
 * {@link SharedFolderRowMapper} to {@link SharedFolderRow}, whose passwords are still sealed.
 */
interface SharedFolderSql {

    /** The first claim of a room: the primary key lets exactly one concurrent INSERT succeed. */
    @SqlUpdate("""
            INSERT INTO shared_folders (room_id, state, lease_until, created_at, holder)
            VALUES (:room, 'creating', :leaseUntil, :now, :holder)
            """)
    int insertClaim(
            @Bind("room") String room,
            @Bind("now") long now,
            @Bind("leaseUntil") long leaseUntil,
            @Bind("holder") String holder);

    /**
     * Takes over a claim whose lease ran out, or whose holder's instance lease did (it died, see
     * {@code instances}; a holder with no row there is gone too). A concurrent UPDATE of the row
     * waits for the first one and then re-checks the condition against the new lease and holder
     * (PostgreSQL in READ COMMITTED, and H2), so among racing callers exactly one sees a count of
     * 1; the race tests run on both.
     */
    @SqlUpdate("""
            UPDATE shared_folders
               SET lease_until = :leaseUntil,
                   created_at = :now,
                   holder = :holder
             WHERE room_id = :room
               AND state = 'creating'
               AND (lease_until <= :now
                    OR (holder IS NOT NULL
                        AND NOT EXISTS (SELECT 1 FROM instances i
                                         WHERE i.id = shared_folders.holder AND i.lease_until > :now)))
            """)
    int takeOverExpiredClaim(
            @Bind("room") String room,
            @Bind("now") long now,
            @Bind("leaseUntil") long leaseUntil,
            @Bind("holder") String holder);

    @SqlQuery("""
            SELECT room_id, state, lease_until, provider, folder, read_link_id, read_url, read_password_sealed,
                   rw_link_id, rw_url, rw_password_sealed, created_at
              FROM shared_folders
             WHERE room_id = :room
            """)
    Optional<SharedFolderRow> find(@Bind("room") String room);

    @SqlQuery("SELECT COUNT(*) FROM rooms WHERE id = :room")
    int countRooms(@Bind("room") String room);

    @SqlUpdate("""
            UPDATE shared_folders
               SET state = 'ready',
                   lease_until = NULL,
                   provider = :provider,
                   folder = :folder,
                   read_link_id = :readLinkId,
                   read_url = :readUrl,
                   read_password_sealed = :readPasswordSealed,
                   rw_link_id = :rwLinkId,
                   rw_url = :rwUrl,
                   rw_password_sealed = :rwPasswordSealed,
                   created_at = :createdAt
             WHERE room_id = :room
               AND state = 'creating'
            """)
    int complete(
            @Bind("room") String room,
            @Bind("provider") String provider,
            @Bind("folder") String folder,
            @Bind("readLinkId") String readLinkId,
            @Bind("readUrl") String readUrl,
            @Bind("readPasswordSealed") String readPasswordSealed,
            @Bind("rwLinkId") String rwLinkId,
            @Bind("rwUrl") String rwUrl,
            @Bind("rwPasswordSealed") String rwPasswordSealed,
            @Bind("createdAt") long createdAt);

    @SqlUpdate("""
            DELETE FROM shared_folders
             WHERE room_id = :room
               AND state = 'creating'
            """)
    int release(@Bind("room") String room);

    @SqlUpdate("""
            DELETE FROM shared_folders
             WHERE room_id = :room
            """)
    int delete(@Bind("room") String room);

    /**
     * Every finished folder, locked until the end of the transaction, in one order (the key's) so
     * that two runs at once wait for each other instead of for each other in a circle.
     */
    @SqlQuery("""
            SELECT room_id, state, lease_until, provider, folder, read_link_id, read_url, read_password_sealed,
                   rw_link_id, rw_url, rw_password_sealed, created_at
              FROM shared_folders
             WHERE state = 'ready'
             ORDER BY room_id
               FOR UPDATE
            """)
    List<SharedFolderRow> lockReady();

    @SqlUpdate("""
            UPDATE shared_folders
               SET read_password_sealed = :readPasswordSealed,
                   rw_password_sealed = :rwPasswordSealed
             WHERE room_id = :room
               AND state = 'ready'
            """)
    int reseal(
            @Bind("room") String room,
            @Bind("readPasswordSealed") String readPasswordSealed,
            @Bind("rwPasswordSealed") String rwPasswordSealed);
}
