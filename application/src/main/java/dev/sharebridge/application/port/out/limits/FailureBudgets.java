package dev.sharebridge.application.port.out.limits;

import java.time.Duration;
import java.time.Instant;

/**
 * Where the budgets of failures live: in one process's memory, or in the database that every
 * server instance shares, so that a client gets the same number of guesses however a balancer
 * spreads its requests. Only attempts and failures are written; a request that is neither
 * blocked nor failing writes nothing (see {@link FailureBudget}).
 */
public interface FailureBudgets {

    /**
     * The budget called {@code name} (one per kind of failure, e.g. wrong passwords per client
     * on a link): at most {@code limit} attempts per key in any {@code window}. The same name on
     * every instance is the same budget. Cheap: call once and keep it.
     */
    FailureBudget budget(String name, int limit, Duration window);

    /**
     * Removes at most {@code max} keys of any budget whose attempts have all left their window at
     * {@code now}; bounded, so that a sweep never holds the database long. @return how many
     */
    int removeExpired(Instant now, int max);
}
