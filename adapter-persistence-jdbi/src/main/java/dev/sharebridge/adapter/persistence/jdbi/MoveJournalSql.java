package dev.sharebridge.adapter.persistence.jdbi;

import java.util.List;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jspecify.annotations.Nullable;

/** The SQL of {@link JdbiMoveJournal}; portable between H2 and PostgreSQL. */
interface MoveJournalSql {

    /** No live lease in {@code instances} (a process that died has no row or an old lease). */
    String NOT_LIVE = " NOT EXISTS (SELECT 1 FROM instances i WHERE i.id = move_journal.instance_id"
            + " AND i.lease_until > :now)";

    @SqlUpdate("""
            INSERT INTO move_journal (id, owner_id, from_path, to_path, instance_id, started_at)
            VALUES (:id, :owner, :from, :to, :instance, :startedAt)
            """)
    int insert(
            @Bind("id") String id,
            @Bind("owner") String owner,
            @Bind("from") String from,
            @Bind("to") String to,
            @Bind("instance") @Nullable String instance,
            @Bind("startedAt") long startedAt);

    @SqlUpdate("DELETE FROM move_journal WHERE id = :id")
    int delete(@Bind("id") String id);

    @SqlUpdate("UPDATE move_journal SET instance_id = NULL WHERE id = :id")
    int release(@Bind("id") String id);

    /** Released records, and those of other instances without a live lease; oldest first. */
    @SqlQuery("SELECT id, owner_id, from_path, to_path, instance_id, started_at FROM move_journal"
            + " WHERE instance_id IS NULL OR (instance_id <> :self AND" + NOT_LIVE + ")"
            + " ORDER BY started_at, id LIMIT :limit")
    @RegisterConstructorMapper(Row.class)
    List<Row> leftovers(@Bind("self") String self, @Bind("now") long now, @Bind("limit") int limit);

    /**
     * Takes a released record. A concurrent UPDATE of the row waits for the first one and then
     * re-checks the condition against the row it committed (PostgreSQL in READ COMMITTED and H2
     * both), so exactly one of racing instances changes it.
     */
    @SqlUpdate("UPDATE move_journal SET instance_id = :self WHERE id = :id AND instance_id IS NULL")
    int takeOverReleased(@Bind("id") String id, @Bind("self") String self);

    /** Takes a record of {@code :old} while that instance has no live lease; as {@link #takeOverReleased}. */
    @SqlUpdate("UPDATE move_journal SET instance_id = :self WHERE id = :id AND instance_id = :old AND" + NOT_LIVE)
    int takeOverFrom(@Bind("id") String id, @Bind("old") String old, @Bind("self") String self, @Bind("now") long now);

    /** One record. */
    record Row(
            @ColumnName("id") String id,
            @ColumnName("owner_id") String owner,
            @ColumnName("from_path") String from,
            @ColumnName("to_path") String to,
            @ColumnName("instance_id") @Nullable String instance,
            @ColumnName("started_at") long startedAt) {}
}
