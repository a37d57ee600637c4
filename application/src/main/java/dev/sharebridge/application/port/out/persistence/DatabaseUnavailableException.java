package dev.sharebridge.application.port.out.persistence;

/**
 * The database could not be reached, refused new connections, or lost the connection in the
 * middle of a call (a restart, a failover, a network cut). Every repository and the deletion fence
 * throw it for those failures, whatever the database, in place of the driver's exception.
 *
 * <p>The failed call changed nothing, except when the connection broke while its commit was on
 * the way, which the caller cannot tell apart; every use case is written so that repeating it then
 * does no harm. The caller may retry after a moment: the connection pool reconnects by itself
 * once the database answers again. The message names the failure for operators (the database's
 * SQLSTATE and message), never a bound value.
 */
public final class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
