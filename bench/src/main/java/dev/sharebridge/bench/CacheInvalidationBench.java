package dev.sharebridge.bench;

import dev.sharebridge.bootstrap.Sharebridge;
import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import dev.sharebridge.domain.user.UserId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code [cache] shares_ms} buys and costs with two instances (A, B) in this JVM on one
 * PostgreSQL schema of the benchmark's own (dropped at the end), for each of 0, 100 and 1000 ms:
 * the open throughput of one busy link on B ({@code wrk}), and how long a link revoked on A is
 * still served by B, measured from just before A's {@code DELETE} is sent until B first answers
 * {@code 404} (B asked again right away, without pause), after B answered the link from the row
 * it keeps. The {@code DELETE}'s own answer is measured beside it, and what comes after it (the
 * notification and B's next answer). Needs PostgreSQL and wrk.
 */
final class CacheInvalidationBench {
    private static final String PG = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("bench.pgUser", "postgres");
    private static final int SAMPLES = Integer.getInteger("bench.revokeSamples", 200);
    private static final int WARMUP = Integer.getInteger("bench.revokeWarmup", 20);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern FIELD = Pattern.compile("\"(token|id)\"\\s*:\\s*\"([^\"]+)\"");

    private final Report report;
    private final int seconds;
    private final int rounds;
    private final Wrk wrk;
    private final HttpClient http = HttpClient.newHttpClient();

    CacheInvalidationBench(Report report, int seconds, int rounds, int connections) {
        this.report = report;
        this.seconds = seconds;
        this.rounds = rounds;
        this.wrk = new Wrk(2, connections);
    }

    void run() throws Exception {
        for (int sharesMs : new int[] {0, 100, 1000}) {
            run(sharesMs);
        }
    }

    private void run(int sharesMs) throws Exception {
        byte[] r = new byte[8];
        new SecureRandom().nextBytes(r);
        String schema = "sb_bench_" + HexFormat.of().formatHex(r);
        sql("CREATE SCHEMA " + schema);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path dir = Files.createTempDirectory("sharebridge-bench-caches");
        String url = PG + (PG.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (Sharebridge a = open(dir.resolve("a"), url, key, sharesMs);
                Sharebridge b = open(dir.resolve("b"), url, key, sharesMs)) {
            String baseA = "http://127.0.0.1:" + a.start();
            String baseB = "http://127.0.0.1:" + b.start();
            String olga = a.addUser().add(UserId.of("olga")).token();
            String label = "shares_ms=" + sharesMs + ": ";

            String busy = link(baseA, baseB, olga, "busy.txt")[0];
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Wrk.Result result = wrk.run(baseB + "/api/s/" + busy, seconds);
                if (result.non2xx() > 0) {
                    throw new IllegalStateException("non-2xx answers to the busy link: " + result.non2xx());
                }
                rates.add(result.rps());
            }
            Collections.sort(rates);
            report.add(label + "open of a busy link on B", "req/s", rates.get(rates.size() / 2));

            List<Double> revoked = new ArrayList<>();
            List<Double> deleted = new ArrayList<>();
            List<Double> afterAnswer = new ArrayList<>();
            for (int i = 0; i < WARMUP + SAMPLES; i++) {
                String[] link = link(baseA, baseB, olga, "r" + i + ".txt");
                String open = baseB + "/api/s/" + link[0];
                status("GET", open, null);
                status("GET", open, null); // answered from the row B keeps, when it keeps rows
                long t0 = System.nanoTime();
                if (status("DELETE", baseA + "/api/shares/" + link[1], olga) != 204) {
                    throw new IllegalStateException("DELETE on A failed");
                }
                long answered = System.nanoTime();
                int answer;
                while ((answer = status("GET", open, null)) != 404) {
                    if (answer != 200 || System.nanoTime() - t0 > WAIT.toNanos()) {
                        throw new IllegalStateException("B answers " + answer + " to a link revoked on A");
                    }
                }
                if (i >= WARMUP) {
                    deleted.add((answered - t0) / 1e6);
                    long refused = System.nanoTime();
                    revoked.add((refused - t0) / 1e6);
                    afterAnswer.add((refused - answered) / 1e6);
                }
            }
            add(label + "revoked on A -> 404 on B", revoked);
            add(label + "DELETE on A, its answer", deleted);
            add(label + "A's answer -> 404 on B", afterAnswer);
        } finally {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** A link made on A to a file put on both (each instance has its own storage): token, id. */
    private String[] link(String baseA, String baseB, String olga, String name) throws Exception {
        for (String base : List.of(baseA, baseB)) {
            send("PUT", base + "/api/files/" + name, HttpRequest.BodyPublishers.ofString(name), null, olga);
        }
        String body = send(
                        "POST",
                        baseA + "/api/shares",
                        HttpRequest.BodyPublishers.ofString("{\"item_id\":\"" + name + "\"}"),
                        "application/json",
                        olga)
                .body();
        return new String[] {field(body, "token"), field(body, "id")};
    }

    private void add(String name, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        report.add(name + " p50", "ms", sorted.get((int) Math.floor(0.50 * (sorted.size() - 1))));
        report.add(name + " p99", "ms", sorted.get((int) Math.floor(0.99 * (sorted.size() - 1))));
    }

    private static Sharebridge open(Path dir, String url, byte[] key, int sharesMs) throws Exception {
        String toml = String.join(
                "\n",
                "[server]",
                "bind = \"127.0.0.1\"",
                "port = 0",
                "data_dir = '" + dir.toAbsolutePath() + "'",
                "[database]",
                "url = '" + url + "'",
                "username = '" + PG_USER + "'",
                "[security]",
                "bcrypt_cost = 10",
                "secret_key = '" + Base64.getEncoder().encodeToString(key) + "'",
                // every sample ends in a 404 of one client
                "not_found_per_client = 1000000",
                "[cache]",
                "shares_ms = " + sharesMs,
                "");
        return Sharebridge.open(SharebridgeConfig.parse("bench.toml", toml, Map.of()));
    }

    private int status(String method, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(WAIT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> send(
            String method, String url, HttpRequest.BodyPublisher body, String type, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(WAIT)
                .header("Authorization", "Bearer " + token)
                .method(method, body);
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private static String field(String body, String name) {
        Matcher m = FIELD.matcher(body);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + body);
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(PG, PG_USER, System.getProperty("bench.pgPassword", ""));
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
