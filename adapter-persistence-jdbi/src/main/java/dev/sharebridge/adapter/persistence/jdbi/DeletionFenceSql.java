package dev.sharebridge.adapter.persistence.jdbi;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of {@link JdbiDeletionFence}; portable between H2 and PostgreSQL. */
interface DeletionFenceSql {

    @SqlQuery("SELECT begun FROM deletion_scopes WHERE scope = :scope")
    Optional<Long> begun(@Bind("scope") String scope);

    /**
     * The count, with the row locked until the transaction ends: a concurrent deletion's UPDATE
     * waits for it, and this waits for a deletion's, then reads the count that deletion committed
     * (PostgreSQL in READ COMMITTED and H2 both).
     */
    @SqlQuery("SELECT begun FROM deletion_scopes WHERE scope = :scope FOR UPDATE")
    Optional<Long> lockBegun(@Bind("scope") String scope);

    /** The first use of a scope; the primary key lets exactly one of racing inserts succeed. */
    @SqlUpdate("INSERT INTO deletion_scopes (scope, begun) VALUES (:scope, 0)")
    int addScope(@Bind("scope") String scope);

    @SqlUpdate("UPDATE deletion_scopes SET begun = begun + 1 WHERE scope = :scope")
    int countBegun(@Bind("scope") String scope);

    @SqlUpdate("""
            INSERT INTO deletion_markers (id, scope, item_path, lease_until)
            VALUES (:id, :scope, :path, :leaseUntil)
            """)
    int addMarker(
            @Bind("id") String id,
            @Bind("scope") String scope,
            @Bind("path") String path,
            @Bind("leaseUntil") long leaseUntil);

    /** The paths of the scope's deletions in progress at {@code now}. */
    @SqlQuery("SELECT item_path FROM deletion_markers WHERE scope = :scope AND lease_until > :now")
    List<String> markedPaths(@Bind("scope") String scope, @Bind("now") long now);

    @SqlUpdate("DELETE FROM deletion_markers WHERE id = :id")
    int removeMarker(@Bind("id") String id);

    /** Markers of deleters that died, long since without effect. */
    @SqlUpdate("DELETE FROM deletion_markers WHERE lease_until <= :now")
    int removeExpired(@Bind("now") long now);
}
