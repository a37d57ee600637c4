package dev.sharebridge.adapter.persistence.jdbi;

import java.sql.SQLException;

/** Recognises database errors by their portable SQLSTATE. */
final class SqlStates {
    private SqlStates() {
    }

    /** True for SQLSTATE class 23 (unique, foreign key, check): the same codes on H2 and PostgreSQL. */
    static boolean isIntegrityViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
