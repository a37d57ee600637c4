package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.limits.FailureBudget;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
import dev.sharebridge.application.port.out.limits.FailureBudgetsContract;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FailureBudgets contract on PostgreSQL, with a second connection pool on the same schema as
 * the other instance, in a schema of this class's own.
 */
class PostgresFailureBudgetsTest extends FailureBudgetsContract {
    private static PostgresSchema schema;
    private static JdbiPersistence db;
    private static JdbiPersistence second;

    @BeforeAll
    static void open() throws SQLException {
        schema = PostgresSchema.create();
        db = schema.open();
        second = schema.open();
    }

    @AfterAll
    static void close() throws SQLException {
        if (second != null) {
            second.close();
        }
        if (db != null) {
            db.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected FailureBudgets newBudgets() {
        TestDatabases.empty(db);
        // fresh budgets of both instances: nothing remembered from an earlier test
        return new PostgresFailureBudgets(db.jdbi());
    }

    @Override
    protected FailureBudgets otherInstance() {
        return new PostgresFailureBudgets(second.jdbi());
    }

    @Test
    void theServerGetsTheSharedBudgets() {
        assertThat(db.failureBudgets())
                .isNotInstanceOf(dev.sharebridge.application.limits.InMemoryFailureBudgets.class);
    }

    @Test
    void onlyDigestsOfTheKeysAreStored() {
        FailureBudget b = budgets.budget("guesses", 3, Duration.ofMinutes(1));
        b.take("203.0.113.7\nsecret-token", T0);
        List<String> keys = db.jdbi()
                .withHandle(h -> h.createQuery("SELECT key_digest FROM failure_budgets")
                        .mapTo(String.class)
                        .list());
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0)).hasSize(64).doesNotContain("203.0.113.7").doesNotContain("secret");
    }
}
