package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.limits.FailureBudget;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
import dev.sharebridge.domain.TokenDigest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link FailureBudgets} in the {@code failure_budgets} table, for every instance on one
 * PostgreSQL database: exact sliding windows, one row per budget and key (a SHA-256 digest of
 * the key), holding the times of the attempts in the window.
 *
 * <p>{@link FailureBudget#take} is one upsert: {@code INSERT ... ON CONFLICT DO UPDATE} locks
 * the key's row, so concurrent takes on any number of instances see each other's attempts and
 * never take more than the limit, without a transaction around several statements. Each
 * instance remembers the keys it has learnt are blocked (from the answers to its own takes)
 * until their wait ends, so that {@link FailureBudget#blocked}, which runs in front of every
 * public route, neither reads nor writes; a key blocked through another instance is refused
 * here at its next take at the latest. That memory is bounded: beyond {@link #MAX_REMEMBERED}
 * keys per budget nothing more is remembered, and the take answers alone.
 */
final class PostgresFailureBudgets implements FailureBudgets {
    static final int MAX_REMEMBERED = 100_000;

    /*
     * The attempts still in the window, sorted, as an expression on the row before the update;
     * the statement needs it three times (a CTE cannot see the conflicting row).
     */
    private static final String IN_WINDOW =
            "ARRAY(SELECT x FROM unnest(b.attempts) AS x WHERE x > :horizon ORDER BY x)";
    private static final String TAKE = "INSERT INTO failure_budgets AS b (budget, key_digest, attempts, last_taken,"
            + " expires_at) VALUES (:budget, :key, ARRAY[:now]::BIGINT[], TRUE, :expires)"
            + " ON CONFLICT (budget, key_digest) DO UPDATE SET"
            + " attempts = CASE WHEN cardinality(" + IN_WINDOW + ") < :limit"
            + "   THEN ARRAY(SELECT x FROM unnest(" + IN_WINDOW + " || :now) AS x ORDER BY x)"
            + "   ELSE " + IN_WINDOW + " END,"
            + " last_taken = cardinality(" + IN_WINDOW + ") < :limit,"
            + " expires_at = CASE WHEN cardinality(" + IN_WINDOW + ") < :limit"
            + "   THEN GREATEST(b.expires_at, :expires) ELSE b.expires_at END"
            + " RETURNING last_taken, attempts";

    private final Jdbi jdbi;

    PostgresFailureBudgets(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public FailureBudget budget(String name, int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a budget needs a limit of at least 1 and a positive window");
        }
        return DatabaseFailures.guarded(FailureBudget.class, new Budget(jdbi, name, limit, window.toMillis()));
    }

    @Override
    public int removeExpired(Instant now, int max) {
        // bounded: one sweep deletes at most max rows, however many have expired
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM failure_budgets WHERE (budget, key_digest) IN"
                        + " (SELECT budget, key_digest FROM failure_budgets WHERE expires_at <= :now LIMIT :max)")
                .bind("now", Instants.toMillis(now))
                .bind("max", max)
                .execute());
    }

    private static final class Budget implements FailureBudget {
        private final Jdbi jdbi;
        private final String name;
        private final int limit;
        private final long windowMillis;
        /** Key digest → the instant its wait ends, for the keys this instance saw reach the limit. */
        private final Map<String, Instant> knownBlocked = new ConcurrentHashMap<>();

        Budget(Jdbi jdbi, String name, int limit, long windowMillis) {
            this.jdbi = jdbi;
            this.name = name;
            this.limit = limit;
            this.windowMillis = windowMillis;
        }

        @Override
        public Optional<Duration> blocked(String key, Instant now) {
            if (knownBlocked.isEmpty()) {
                // the usual case on every public route: not even a digest
                return Optional.empty();
            }
            String digest = TokenDigest.digest(key);
            Instant until = knownBlocked.get(digest);
            if (until == null) {
                return Optional.empty();
            }
            if (!now.isBefore(until)) {
                knownBlocked.remove(digest, until);
                return Optional.empty();
            }
            return Optional.of(roundUpToSeconds(Duration.between(now, until)));
        }

        @Override
        public int count(String key, Instant now) {
            long horizon = Instants.toMillis(now) - windowMillis;
            return jdbi.withHandle(h -> h.createQuery(
                            "SELECT attempts FROM failure_budgets WHERE budget = :budget AND key_digest = :key")
                    .bind("budget", name)
                    .bind("key", TokenDigest.digest(key))
                    .map((rs, ctx) -> attempts(rs))
                    .findOne()
                    .map(a -> (int) Arrays.stream(a).filter(x -> x > horizon).count())
                    .orElse(0));
        }

        @Override
        public Take take(String key, Instant now) {
            String digest = TokenDigest.digest(key);
            long at = Instants.toMillis(now);
            Row row = jdbi.withHandle(h -> h.createQuery(TAKE)
                    .bind("budget", name)
                    .bind("key", digest)
                    .bind("now", at)
                    .bind("horizon", at - windowMillis)
                    .bind("expires", at + windowMillis)
                    .bind("limit", limit)
                    .map((rs, ctx) -> new Row(rs.getBoolean("last_taken"), attempts(rs)))
                    .one());
            long[] attempts = row.attempts();
            if (attempts.length < limit) {
                return new Take.Taken(attempts.length);
            }
            // at the limit: free again when the attempt that makes it full leaves the window
            Instant until = Instant.ofEpochMilli(attempts[attempts.length - limit] + windowMillis);
            remember(digest, until, now);
            Duration wait = roundUpToSeconds(Duration.between(now, until));
            return row.taken() ? new Take.Taken(attempts.length) : new Take.Refused(wait);
        }

        @Override
        public void giveBack(String key) {
            String digest = TokenDigest.digest(key);
            // the newest attempt (attempts are sorted), whichever instance took it
            jdbi.useHandle(h -> h.createUpdate("UPDATE failure_budgets SET attempts ="
                            + " attempts[1 : cardinality(attempts) - 1] WHERE budget = :budget AND key_digest = :key"
                            + " AND cardinality(attempts) > 0")
                    .bind("budget", name)
                    .bind("key", digest)
                    .execute());
            knownBlocked.remove(digest);
        }

        @Override
        public void reset(String key) {
            String digest = TokenDigest.digest(key);
            jdbi.useHandle(
                    h -> h.createUpdate("DELETE FROM failure_budgets WHERE budget = :budget AND key_digest = :key")
                            .bind("budget", name)
                            .bind("key", digest)
                            .execute());
            knownBlocked.remove(digest);
        }

        private void remember(String digest, Instant until, Instant now) {
            if (knownBlocked.size() >= MAX_REMEMBERED) {
                knownBlocked.values().removeIf(u -> !now.isBefore(u));
            }
            if (knownBlocked.size() < MAX_REMEMBERED) {
                knownBlocked.put(digest, until);
            }
        }
    }

    private record Row(boolean taken, long[] attempts) {}

    private static long[] attempts(ResultSet rs) throws SQLException {
        Array array = rs.getArray("attempts");
        try {
            Object[] values = (Object[]) array.getArray();
            long[] result = new long[values.length];
            for (int i = 0; i < values.length; i++) {
                result[i] = ((Number) values[i]).longValue();
            }
            return result;
        } finally {
            array.free();
        }
    }

    private static Duration roundUpToSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
