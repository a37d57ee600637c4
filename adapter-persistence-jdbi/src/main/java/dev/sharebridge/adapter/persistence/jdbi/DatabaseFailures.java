package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;

/**
 * Turns the driver's, the pool's and Jdbi's exceptions for a database that cannot be reached
 * into the port's {@link DatabaseUnavailableException}, for every method of a repository at once:
 * the repositories are handed out wrapped by {@link #guarded}, so no path (Jdbi, plain JDBC, the
 * wait for the H2 file) can let one through as an unexpected error.
 */
final class DatabaseFailures {
    private DatabaseFailures() {}

    /** {@code target} behind {@code port}, with connection failures reported as DatabaseUnavailableException. */
    static <T> T guarded(Class<T> port, T target) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw translate(e.getCause());
            }
        }));
    }

    /** {@code error} as it should reach the caller. */
    static Throwable translate(Throwable error) {
        if (error instanceof DatabaseUnavailableException) {
            return error;
        }
        SQLException cause = SqlStates.connectionFailure(error);
        if (cause == null) {
            return error;
        }
        String message = cause.getMessage() == null
                ? ""
                : cause.getMessage().lines().findFirst().orElse("");
        return new DatabaseUnavailableException(
                "the database is unavailable: "
                        + (cause.getSQLState() == null ? cause.getClass().getSimpleName() : cause.getSQLState()) + " "
                        + message,
                error);
    }
}
