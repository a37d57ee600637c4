package dev.sharebridge.bench;

import dev.sharebridge.adapter.persistence.jdbi.JdbiPersistence;
import dev.sharebridge.application.limits.InMemoryFailureBudgets;
import dev.sharebridge.application.port.out.limits.FailureBudget;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
import dev.sharebridge.bootstrap.security.BcryptPasswordHasher;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the budgets of failures add to a failed password check: the two takes a wrong password
 * costs ({@code VerifySharePasswordService}: per client and link, per link), in memory and in
 * PostgreSQL's {@code failure_budgets} (one upsert each, in a schema of the benchmark's own,
 * dropped at the end), one caller at a time (latency) and from {@code bench.budgetThreads}
 * callers (throughput); beside them one bcrypt check at cost 10, which every failed verify pays
 * too. Needs PostgreSQL ({@code bench.pg}, default {@code jdbc:postgresql://127.0.0.1:5432/test}).
 */
final class FailureBudgetsBench {
    private static final String PG = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("bench.pgUser", "postgres");
    private static final String PG_PASSWORD = System.getProperty("bench.pgPassword", "");
    private static final int SAMPLES = Integer.getInteger("bench.budgetSamples", 5_000);
    private static final int THREADS = Integer.getInteger("bench.budgetThreads", 8);
    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final Report report;
    private final int rounds;

    FailureBudgetsBench(Report report, int rounds) {
        this.report = report;
        this.rounds = rounds;
    }

    void run() throws Exception {
        byte[] r = new byte[8];
        new SecureRandom().nextBytes(r);
        String schema = "sb_bench_" + HexFormat.of().formatHex(r);
        sql("CREATE SCHEMA " + schema);
        String url = PG + (PG.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (JdbiPersistence db = JdbiPersistence.open(url, PG_USER, PG_PASSWORD)) {
            FailureBudgets shared = db.failureBudgets();
            FailureBudgets memory = new InMemoryFailureBudgets();
            AtomicInteger clients = new AtomicInteger();
            for (int round = 0; round < rounds + 1; round++) {
                boolean counts = round > 0; // the first round warms up
                double pgUs = latency(shared, clients);
                double memUs = latency(memory, clients);
                double pgPerSecond = throughput(shared, clients);
                double memPerSecond = throughput(memory, clients);
                System.out.printf(
                        "[budgets] round %d: PostgreSQL %.1f µs, %.0f/s; memory %.2f µs, %.0f/s%n",
                        round, pgUs, pgPerSecond, memUs, memPerSecond);
                if (counts) {
                    report.add("failed verify, budgets in PostgreSQL (1 caller)", "µs", pgUs);
                    report.add("failed verify, budgets in memory (1 caller)", "µs", memUs);
                    report.add("failed verifies/s, budgets in PostgreSQL (" + THREADS + " callers)", "/s", pgPerSecond);
                    report.add("failed verifies/s, budgets in memory (" + THREADS + " callers)", "/s", memPerSecond);
                    report.add("one bcrypt check at cost 10", "µs", bcrypt());
                }
            }
        } finally {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Microseconds per failed verify's budget work, one caller. */
    private static double latency(FailureBudgets budgets, AtomicInteger clients) {
        Failures f = new Failures(budgets);
        long started = System.nanoTime();
        for (int i = 0; i < SAMPLES; i++) {
            f.fail(clients.incrementAndGet());
        }
        return (System.nanoTime() - started) / 1e3 / SAMPLES;
    }

    /** Failed verifies' budget work per second, {@link #THREADS} callers. */
    private static double throughput(FailureBudgets budgets, AtomicInteger clients) throws Exception {
        Failures f = new Failures(budgets);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < SAMPLES / THREADS; i++) {
                        f.fail(clients.incrementAndGet());
                    }
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
            return (SAMPLES / THREADS) * THREADS / ((System.nanoTime() - started) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The budgets' part of one wrong password, as the service takes it. */
    private record Failures(FailureBudget perClient, FailureBudget perLink) {
        Failures(FailureBudgets budgets) {
            this(budgets.budget("verify_per_client_link", 10, WINDOW), budgets.budget("verify_per_link", 100, WINDOW));
        }

        void fail(int client) {
            Instant now = Instant.now();
            // every client once on one of many links: neither budget refuses
            perClient.take("198.51.100." + client + "\ntoken-" + client / 50, now);
            perLink.take("link-" + client / 50, now);
        }
    }

    private double bcrypt() {
        BcryptPasswordHasher hasher = new BcryptPasswordHasher(10, new SecureRandom());
        String hash = hasher.hash("the right password");
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long started = System.nanoTime();
            hasher.verify("a wrong password", hash);
            if (i >= 3) {
                times.add((System.nanoTime() - started) / 1e3);
            }
        }
        return Report.median(times);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(PG, PG_USER, PG_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
