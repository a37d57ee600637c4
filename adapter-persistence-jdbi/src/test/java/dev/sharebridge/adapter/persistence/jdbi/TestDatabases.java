package dev.sharebridge.adapter.persistence.jdbi;

import java.nio.file.Path;

/** Helpers shared by the database tests. */
final class TestDatabases {
    private TestDatabases() {}

    static String h2FileUrl(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("sharebridge").toAbsolutePath();
    }

    /** Empties every table, so each contract test starts from nothing. */
    static void empty(JdbiPersistence db) {
        db.jdbi().useHandle(h -> {
            // rooms take their members, invite codes and shared folders with them
            h.execute("DELETE FROM rooms");
            // instances take their participants with them
            h.execute("DELETE FROM instances");
            h.execute("DELETE FROM room_event_seqs");
            // before users and shares, though they would take their spaces (and uploads) along
            h.execute("DELETE FROM dav_spaces");
            h.execute("DELETE FROM shares");
            h.execute("DELETE FROM users");
            h.execute("DELETE FROM deletion_markers");
            h.execute("DELETE FROM deletion_scopes");
            h.execute("DELETE FROM move_journal");
            h.execute("DELETE FROM failure_budgets");
        });
    }

    /** The SQL migrations Flyway applied (its own bookkeeping rows left out). */
    static int appliedMigrations(JdbiPersistence db) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"type\" = 'SQL' AND \"success\"")
                        .mapTo(Integer.class)
                        .one());
    }

    /** Rows in the V3 tables of the rooms feature. */
    static int roomRows(JdbiPersistence db) {
        return db.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT COUNT(*) FROM rooms, room_members, room_invite_codes, shared_folders")
                        .mapTo(Integer.class)
                        .one());
    }
}
