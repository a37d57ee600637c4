package dev.sharebridge.application.port.out.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.limits.FailureBudget.Take;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link FailureBudgets} must do; run against each implementation. */
public abstract class FailureBudgetsContract {
    protected static final Instant T0 = Instant.parse("2026-12-07T10:00:00.250Z");
    private static final Duration WINDOW = Duration.ofMinutes(1);

    protected FailureBudgets budgets;

    /** Fresh budgets, with nothing taken. */
    protected abstract FailureBudgets newBudgets();

    /** Budgets on the same data (another instance on the same database); the same by default. */
    protected FailureBudgets otherInstance() {
        return budgets;
    }

    @BeforeEach
    public void setUpBudgets() {
        budgets = newBudgets();
    }

    @Test
    public void attemptsAreTakenUpToTheLimitThenRefusedUntilTheOldestLeavesTheWindow() {
        FailureBudget b = budgets.budget("guesses", 3, WINDOW);
        assertThat(b.take("client-1", T0)).isEqualTo(new Take.Taken(1));
        assertThat(b.take("client-1", T0.plusSeconds(10))).isEqualTo(new Take.Taken(2));
        assertThat(b.blocked("client-1", T0.plusSeconds(10))).isEmpty();
        assertThat(b.take("client-1", T0.plusSeconds(20))).isEqualTo(new Take.Taken(3));
        assertThat(b.count("client-1", T0.plusSeconds(20))).isEqualTo(3);

        assertThat(b.take("client-1", T0.plusSeconds(30))).isEqualTo(new Take.Refused(Duration.ofSeconds(30)));
        assertThat(b.blocked("client-1", T0.plusSeconds(30))).contains(Duration.ofSeconds(30));
        assertThat(b.count("client-1", T0.plusSeconds(30))).isEqualTo(3);
        // another key and another budget are untouched
        assertThat(b.take("client-2", T0.plusSeconds(30))).isEqualTo(new Take.Taken(1));
        assertThat(budgets.budget("other", 3, WINDOW).take("client-1", T0.plusSeconds(30)))
                .isEqualTo(new Take.Taken(1));

        // the window slides: the first attempt leaves at T0 + 60 s, and one more may be taken
        assertThat(b.blocked("client-1", T0.plusSeconds(60))).isEmpty();
        assertThat(b.take("client-1", T0.plusSeconds(60))).isEqualTo(new Take.Taken(3));
        assertThat(b.take("client-1", T0.plusSeconds(61))).isEqualTo(new Take.Refused(Duration.ofSeconds(9)));
    }

    @Test
    public void theKeyThatTookTheLastAttemptIsKnownBlockedAtOnce() {
        FailureBudget b = budgets.budget("guesses", 2, WINDOW);
        b.take("client-1", T0);
        b.take("client-1", T0.plusMillis(500));
        assertThat(b.blocked("client-1", T0.plusSeconds(1))).contains(Duration.ofSeconds(59));
        assertThat(b.blocked("client-1", T0.plusSeconds(60))).isEmpty();
    }

    @Test
    public void aGivenBackAttemptAndAResetKeyAreFreeAgain() {
        FailureBudget b = budgets.budget("guesses", 2, WINDOW);
        b.take("client-1", T0);
        b.take("client-1", T0.plusSeconds(1));
        b.giveBack("client-1");
        assertThat(b.count("client-1", T0.plusSeconds(2))).isEqualTo(1);
        assertThat(b.take("client-1", T0.plusSeconds(2))).isEqualTo(new Take.Taken(2));
        assertThat(b.take("client-1", T0.plusSeconds(3))).isInstanceOf(Take.Refused.class);

        b.reset("client-1");
        assertThat(b.blocked("client-1", T0.plusSeconds(3))).isEmpty();
        assertThat(b.count("client-1", T0.plusSeconds(3))).isZero();
        assertThat(b.take("client-1", T0.plusSeconds(3))).isEqualTo(new Take.Taken(1));
        // giving back or resetting a key with nothing taken does nothing
        b.giveBack("unknown");
        b.reset("unknown");
        assertThat(b.count("unknown", T0)).isZero();
    }

    @Test
    public void removeExpiredRemovesOnlyKeysWithoutAttemptsInTheWindowAndAtMostMax() {
        FailureBudget b = budgets.budget("guesses", 5, WINDOW);
        b.take("old-1", T0);
        b.take("old-2", T0);
        b.take("old-3", T0.plusSeconds(1));
        b.take("fresh", T0);
        b.take("fresh", T0.plusSeconds(30));

        assertThat(budgets.removeExpired(T0.plusSeconds(61), 2)).isEqualTo(2);
        assertThat(budgets.removeExpired(T0.plusSeconds(61), 10)).isEqualTo(1);
        assertThat(budgets.removeExpired(T0.plusSeconds(61), 10)).isZero();
        assertThat(b.count("fresh", T0.plusSeconds(61))).isEqualTo(1);
    }

    @Test
    public void instancesOnOneDatabaseShareTheBudget() {
        FailureBudget here = budgets.budget("guesses", 3, WINDOW);
        FailureBudget there = otherInstance().budget("guesses", 3, WINDOW);
        assertThat(here.take("client-1", T0)).isEqualTo(new Take.Taken(1));
        assertThat(there.take("client-1", T0.plusSeconds(1))).isEqualTo(new Take.Taken(2));
        assertThat(here.take("client-1", T0.plusSeconds(2))).isEqualTo(new Take.Taken(3));
        assertThat(there.count("client-1", T0.plusSeconds(2))).isEqualTo(3);

        // refused there at its next take at the latest, and known blocked there from then on
        assertThat(there.take("client-1", T0.plusSeconds(3))).isEqualTo(new Take.Refused(Duration.ofSeconds(57)));
        assertThat(there.blocked("client-1", T0.plusSeconds(3))).contains(Duration.ofSeconds(57));

        here.reset("client-1");
        assertThat(there.count("client-1", T0.plusSeconds(3))).isZero();
    }

    @Test
    public void concurrentTakesOnTwoInstancesNeverExceedTheLimit() throws Exception {
        int limit = 10;
        int callers = 40;
        FailureBudget here = budgets.budget("raced", limit, WINDOW);
        FailureBudget there = otherInstance().budget("raced", limit, WINDOW);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Take>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                FailureBudget b = i % 2 == 0 ? here : there;
                Instant at = T0.plusMillis(i);
                calls.add(() -> {
                    go.await();
                    return b.take("client-1", at);
                });
            }
            List<Future<Take>> futures = new ArrayList<>();
            for (Callable<Take> call : calls) {
                futures.add(pool.submit(call));
            }
            go.countDown();
            List<Integer> totals = new ArrayList<>();
            for (Future<Take> f : futures) {
                if (f.get() instanceof Take.Taken taken) {
                    totals.add(taken.total());
                }
            }
            assertThat(totals).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            assertThat(here.count("client-1", T0.plusSeconds(1))).isEqualTo(limit);
        } finally {
            pool.shutdownNow();
        }
    }
}
