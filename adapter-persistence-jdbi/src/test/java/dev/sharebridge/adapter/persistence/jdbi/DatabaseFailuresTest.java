package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.port.out.persistence.DatabaseUnavailableException;
import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.domain.user.UserId;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Optional;
import org.h2.jdbc.JdbcSQLNonTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures mean "the database cannot be reached", and how the repositories report them. */
class DatabaseFailuresTest {

    private static SQLException state(String sqlState) {
        return new SQLException("reason " + sqlState, sqlState);
    }

    @Test
    void connectionFailuresAreRecognisedByTheirSqlStateOrType() {
        List<Throwable> down = List.of(
                state("08000"),
                state("08001"),
                state("08003"),
                state("08004"),
                state("08006"),
                state("08P01"),
                state("57P01"),
                state("57P02"),
                state("57P03"),
                state("53300"),
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE),
                new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT),
                // HikariCP, when no connection could be had within connectionTimeout
                new SQLTransientConnectionException("sharebridge - Connection is not available, request timed out"),
                new SQLNonTransientConnectionException("closed"),
                // H2: connection broken, database closed, database called at shutdown
                new JdbcSQLNonTransientConnectionException("broken", "select 1", "90067", 90067, null, null),
                new SQLException("closed", "90098", 90098),
                new SQLException("shutdown", "90121", 90121),
                // as Jdbi and our plain JDBC code wrap them
                new ConnectionException(state("08001")),
                new UnableToExecuteStatementException(state("57P01"), null),
                new IllegalStateException("looking up a share by token failed", state("08006")),
                new IllegalStateException("outer", new RuntimeException("middle", state("08003"))));
        for (Throwable t : down) {
            assertThat(SqlStates.isConnectionFailure(t)).as("%s", t).isTrue();
        }
    }

    @Test
    void otherFailuresAreNot() {
        List<Throwable> other = List.of(
                state("23505"),
                state("23503"),
                state("42P01"),
                state("40001"),
                state("57014"),
                state("22001"),
                new SQLException("no state"),
                new UnableToExecuteStatementException(state("23505"), null),
                new IllegalStateException("no cause"),
                new SQLException("H2 syntax error", "42001", 42001));
        for (Throwable t : other) {
            assertThat(SqlStates.isConnectionFailure(t)).as("%s", t).isFalse();
        }
    }

    @Test
    void aRepositoryReportsADeadDatabaseAsDatabaseUnavailableWithTheStateInItsMessage() {
        UserRepository broken = (UserRepository) java.lang.reflect.Proxy.newProxyInstance(
                UserRepository.class.getClassLoader(), new Class<?>[] {UserRepository.class}, (p, m, a) -> {
                    throw new UnableToExecuteStatementException(
                            new PSQLException(
                                    "FATAL: terminating connection due to administrator command",
                                    PSQLState.CONNECTION_FAILURE),
                            null);
                });
        UserRepository guarded = DatabaseFailures.guarded(UserRepository.class, broken);

        assertThatThrownBy(() -> guarded.findById(UserId.of("alice")))
                .isInstanceOfSatisfying(
                        DatabaseUnavailableException.class,
                        e -> assertThat(e.getMessage())
                                .startsWith("the database is unavailable: 08006 ")
                                .contains("terminating connection"));
    }

    @Test
    void otherFailuresAndResultsPassUnchanged() {
        IllegalStateException taken = new IllegalStateException("share conflicts with a stored share");
        UserRepository conflicting = (UserRepository) java.lang.reflect.Proxy.newProxyInstance(
                UserRepository.class.getClassLoader(), new Class<?>[] {UserRepository.class}, (p, m, a) -> {
                    if (m.getName().equals("findById")) {
                        return Optional.empty();
                    }
                    throw taken;
                });
        UserRepository guarded = DatabaseFailures.guarded(UserRepository.class, conflicting);

        assertThat(guarded.findById(UserId.of("alice"))).isEmpty();
        assertThatThrownBy(() -> guarded.remove(UserId.of("alice"))).isSameAs(taken);
    }
}
