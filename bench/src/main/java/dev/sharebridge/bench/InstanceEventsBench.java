package dev.sharebridge.bench;

import dev.sharebridge.bootstrap.Sharebridge;
import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import dev.sharebridge.domain.user.UserId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
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
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a room event takes from one instance to a participant on another: two compositions
 * (A, B) in this JVM on one PostgreSQL schema of the benchmark's own (dropped at the end), bob's
 * WebSocket on B, and olga's requests on A. Measured from just before A's request is sent until
 * bob's message arrives on B, for a folder made on A ({@code PUT shared_folder}, which includes
 * making the folder and its two links) and for a role granted on A ({@code PUT moderators/bob},
 * one row). The request's own round trip is measured beside it: what the event adds is the
 * difference. Needs PostgreSQL ({@code bench.pg}, default {@code jdbc:postgresql://127.0.0.1:5432/test}).
 */
final class InstanceEventsBench {
    private static final String PG = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("bench.pgUser", "postgres");
    private static final int SAMPLES = Integer.getInteger("bench.eventSamples", 200);
    private static final int WARMUP = Integer.getInteger("bench.eventWarmup", 30);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern TOKEN = Pattern.compile("\"(ticket|id)\"\\s*:\\s*\"([^\"]+)\"");

    private final Report report;
    private final HttpClient http = HttpClient.newHttpClient();

    InstanceEventsBench(Report report) {
        this.report = report;
    }

    /** One participant's messages, as they arrive, with their arrival time. */
    private static final class Inbox implements WebSocket.Listener {
        private record Arrival(long at, String text) {}

        final LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                arrivals.add(new Arrival(System.nanoTime(), partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        long next(String containing) throws InterruptedException {
            while (true) {
                Arrival a = arrivals.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (a == null) {
                    throw new IllegalStateException("no message with " + containing + " within " + WAIT);
                }
                if (a.text().contains(containing)) {
                    return a.at();
                }
            }
        }
    }

    void run() throws Exception {
        byte[] r = new byte[8];
        new SecureRandom().nextBytes(r);
        String schema = "sb_bench_" + HexFormat.of().formatHex(r);
        sql("CREATE SCHEMA " + schema);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path dir = Files.createTempDirectory("sharebridge-bench-events");
        String url = PG + (PG.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (Sharebridge a = open(dir.resolve("a"), url, key);
                Sharebridge b = open(dir.resolve("b"), url, key)) {
            String baseA = "http://127.0.0.1:" + a.start();
            String baseB = "http://127.0.0.1:" + b.start();
            String olga = a.addUser().add(UserId.of("olga")).token();
            String bob = a.addUser().add(UserId.of("bob")).token();
            String room = field(send("POST", baseA + "/v1/rooms", "{}", olga).body(), "id");
            send("PUT", baseA + "/v1/rooms/" + room + "/invitees/bob", null, olga);
            String ticket = field(
                    send("POST", baseA + "/v1/rooms/" + room + "/start", "{}", bob)
                            .body(),
                    "ticket");
            Inbox inbox = new Inbox();
            WebSocket ws = http.newWebSocketBuilder()
                    .buildAsync(URI.create(baseB.replace("http", "ws") + "/signaling?ticket=" + ticket), inbox)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            try {
                inbox.next("join_success");
                measure(baseA, room, olga, inbox);
            } finally {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            }
        } finally {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private void measure(String baseA, String room, String olga, Inbox inbox) throws Exception {
        {
            {
                List<Double> folderEvent = new ArrayList<>();
                List<Double> folderRequest = new ArrayList<>();
                List<Double> roleEvent = new ArrayList<>();
                List<Double> roleRequest = new ArrayList<>();
                long started = System.nanoTime();
                for (int i = 0; i < WARMUP + SAMPLES; i++) {
                    boolean counts = i >= WARMUP;
                    if (i % 50 == 0) {
                        System.out.printf("[events] round %d, %.1f s%n", i, (System.nanoTime() - started) / 1e9);
                    }
                    long t0 = System.nanoTime();
                    send("PUT", baseA + "/v1/rooms/" + room + "/shared_folder", null, olga);
                    long answered = System.nanoTime();
                    long heard = inbox.next("\"updated\"");
                    if (counts) {
                        folderRequest.add(ms(answered - t0));
                        folderEvent.add(ms(heard - t0));
                    }
                    t0 = System.nanoTime();
                    send(i % 2 == 0 ? "PUT" : "DELETE", baseA + "/v1/rooms/" + room + "/moderators/bob", null, olga);
                    answered = System.nanoTime();
                    heard = inbox.next("\"updated\"");
                    if (counts) {
                        roleRequest.add(ms(answered - t0));
                        roleEvent.add(ms(heard - t0));
                    }
                    send("DELETE", baseA + "/v1/rooms/" + room + "/shared_folder", null, olga);
                    inbox.next("\"deleted\"");
                }
                System.out.printf("[events] %d samples each after %d warm-up rounds%n", SAMPLES, WARMUP);
                add("folder made on A -> updated on B", folderEvent);
                add("PUT shared_folder on A, its answer", folderRequest);
                add("role granted/revoked on A -> updated on B", roleEvent);
                add("PUT/DELETE moderators on A, its answer", roleRequest);
            }
        }
    }

    private void add(String name, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        double p50 = sorted.get((int) Math.floor(0.50 * (sorted.size() - 1)));
        double p99 = sorted.get((int) Math.floor(0.99 * (sorted.size() - 1)));
        report.add(name + " p50", "ms", p50);
        report.add(name + " p99", "ms", p99);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Sharebridge open(Path dir, String url, byte[] key) throws Exception {
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
                "");
        return Sharebridge.open(SharebridgeConfig.parse("bench.toml", toml, Map.of()));
    }

    private HttpResponse<String> send(String method, String url, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(WAIT)
                .header("Authorization", "Bearer " + token)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
        }
        return r;
    }

    private static String field(String body, String name) {
        Matcher m = TOKEN.matcher(body);
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
