package dev.sharebridge.adapter.persistence.jdbi;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Recognises database errors by their portable SQLSTATE. */
final class SqlStates {
    /**
     * Beyond class 08 (connection exception): PostgreSQL's 57P01 admin_shutdown, 57P02
     * crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down) and 53300
     * too_many_connections; H2's 90067 connection broken, 90098 database closed and 90121
     * database called at shutdown (H2 uses its error code as the SQLSTATE).
     */
    private static final Set<String> UNREACHABLE =
            Set.of("57P01", "57P02", "57P03", "53300", "90067", "90098", "90121");

    private SqlStates() {}

    /** True for SQLSTATE class 23 (unique, foreign key, check): the same codes on H2 and PostgreSQL. */
    static boolean isIntegrityViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code error} or a cause of it says the database could not be reached, refused
     * the connection or lost it: SQLSTATE class 08, the states above, and the JDBC types for
     * connection failures (HikariCP's {@link SQLTransientConnectionException} when no connection
     * could be had in time). Jdbi's exceptions and ours wrap the driver's, so the causes are read.
     */
    static boolean isConnectionFailure(Throwable error) {
        return connectionFailure(error) != null;
    }

    /** The SQLException that says the connection failed, or null. */
    static SQLException connectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return (SQLException) t;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNREACHABLE.contains(sql.getSQLState()))) {
                return sql;
            }
        }
        return null;
    }
}
