package dev.sharebridge.application.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.limits.FailureBudget;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
import dev.sharebridge.application.port.out.limits.FailureBudgetsContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory budgets pass the same contract as the database's (one instance: itself). */
class InMemoryFailureBudgetsTest extends FailureBudgetsContract {
    @Override
    protected FailureBudgets newBudgets() {
        return new InMemoryFailureBudgets();
    }

    @Test
    void memoryStaysBoundedPerBudget() {
        FailureBudgets small = new InMemoryFailureBudgets(10);
        FailureBudget b = small.budget("flood", 5, Duration.ofMinutes(1));
        for (int i = 0; i < 1000; i++) {
            b.take("k" + i, T0);
        }
        assertThat(small.removeExpired(T0.plusSeconds(60), 1000)).isEqualTo(10);
    }
}
