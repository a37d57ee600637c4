package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.adapter.persistence.jdbi.PostgresSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL going away under load, as in a restart: a small TCP forwarder between the
 * {@code serve} process and the database cuts every connection while requests are in flight and
 * refuses new ones for a while. Every answer is a 2xx or a {@code 503 upstream_unavailable} with
 * {@code Retry-After}, never a 500; the log has WARN lines without stack traces, not one per
 * request; once the forwarder lets connections through again the same process serves again.
 */
class DatabaseOutageE2eTest {
    /** The test server's address, database and parameters, from its JDBC URL. */
    private static final URI PG = URI.create(PostgresSchema.SERVER_URL.substring("jdbc:".length()));

    private static final String PG_HOST = PG.getHost();
    private static final int PG_PORT = PG.getPort() < 0 ? 5432 : PG.getPort();
    private static final int CLIENTS = 6;
    /**
     * Refused answers to collect while the database is away, before it comes back: more than
     * there are clients, so that besides the requests whose connection was cut some waited for a
     * new connection that the forwarder refused (the pool gives up after 5 s).
     */
    private static final int UNAVAILABLE_ANSWERS = 12;

    @TempDir
    Path dir;

    private PostgresSchema schema;

    /** Forwards TCP connections to the database, and can cut and refuse them. */
    static final class Forwarder implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        private boolean refusing;

        Forwarder(String host, int port) throws IOException {
            Thread acceptor = new Thread(
                    () -> {
                        while (!listener.isClosed()) {
                            try {
                                Socket client = listener.accept();
                                synchronized (this) {
                                    if (refusing) {
                                        client.close();
                                        continue;
                                    }
                                    Socket upstream = new Socket(host, port);
                                    open.add(client);
                                    open.add(upstream);
                                    pump(client, upstream);
                                    pump(upstream, client);
                                }
                            } catch (IOException e) {
                                // the listener was closed, or the database refused: the client sees a closed socket
                            }
                        }
                    },
                    "forwarder-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        private void pump(Socket from, Socket to) {
            Thread t = new Thread(
                    () -> {
                        try (InputStream in = from.getInputStream();
                                OutputStream out = to.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // cut
                        } finally {
                            closeQuietly(from);
                            closeQuietly(to);
                        }
                    },
                    "forwarder-pump");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        /** Closes every forwarded connection at once and refuses new ones until {@link #restore()}. */
        synchronized void cut() {
            refusing = true;
            open.forEach(Forwarder::closeQuietly);
            open.clear();
        }

        synchronized void restore() {
            refusing = false;
        }

        @Override
        public void close() throws IOException {
            listener.close();
            cut();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // closed already
            }
        }
    }

    /** One answer the load got, and in which phase. */
    record Answer(String phase, String request, int status, String code, boolean retryAfter) {}

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void requestsDuringADatabaseOutageGet503AndTheServerRecoversWithoutARestart() throws Exception {
        schema = PostgresSchema.create();
        try (Forwarder forwarder = new Forwarder(PG_HOST, PG_PORT)) {
            ServedProcess served = ServedProcess.configure(
                    dir,
                    E2eServer.secretKeyLine() + "\n"
                            + E2eServer.databaseToml("jdbc:postgresql://127.0.0.1:" + forwarder.port() + PG.getRawPath()
                                    + "?" + (PG.getRawQuery() == null ? "" : PG.getRawQuery() + "&") + "currentSchema="
                                    + schema.name()));
            String alice = served.addUser("alice");

            try (JavaProcess serve = served.serve()) {
                Http http = served.http();
                assertThat(http.put("/api/files/docs/a.txt", "a".getBytes(StandardCharsets.UTF_8), bearer(alice))
                                .status())
                        .isEqualTo(201);
                String limited = http.postJson(
                                "/api/shares",
                                Map.of("item_id", "docs/a.txt", "max_accesses", 1_000_000),
                                bearer(alice))
                        .json()
                        .path("token")
                        .asText();
                String unlimited = http.postJson("/api/shares", Map.of("item_id", "docs/a.txt"), bearer(alice))
                        .json()
                        .path("token")
                        .asText();
                List<Supplier<Http.Response>> requests = List.of(
                        () -> http.postJson("/api/shares", Map.of("item_id", "docs/a.txt"), bearer(alice)),
                        () -> http.get("/api/shares", bearer(alice)),
                        () -> http.get("/api/s/" + limited),
                        () -> http.get("/api/s/" + unlimited + "/download"),
                        () -> http.get("/api/folders/docs", bearer(alice)),
                        () -> http.postJson("/v1/rooms", Map.of("title", "r"), bearer(alice)),
                        () -> http.get("/v1/rooms", bearer(alice)));

                Queue<Answer> answers = new ConcurrentLinkedQueue<>();
                Queue<String> created = new ConcurrentLinkedQueue<>();
                AtomicReference<String> phase = new AtomicReference<>("before");
                CountDownLatch servingBefore = new CountDownLatch(50);
                CountDownLatch unavailable = new CountDownLatch(UNAVAILABLE_ANSWERS);
                CountDownLatch servingAgain = new CountDownLatch(30);
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int first = c;
                    clients.add(pool.submit(() -> {
                        for (int i = first; !stop.get(); i++) {
                            int which = i % requests.size();
                            String now = phase.get();
                            Http.Response r = requests.get(which).get();
                            String code = r.status() >= 400 ? r.code() : "";
                            answers.add(new Answer(
                                    now,
                                    "request " + which,
                                    r.status(),
                                    code,
                                    r.header("Retry-After").isPresent()));
                            if (which == 0 && r.status() == 201) {
                                created.add(r.json().path("id").asText());
                            }
                            if (r.status() >= 300) {
                                // any refusal counts, so a wrong one (a 500) fails the test below, not a wait
                                unavailable.countDown();
                            } else {
                                (now.equals("after") ? servingAgain : servingBefore).countDown();
                            }
                        }
                        return null;
                    }));
                }
                try {
                    assertThat(servingBefore.await(2, TimeUnit.MINUTES))
                            .as("served before the outage")
                            .isTrue();
                    phase.set("outage");
                    forwarder.cut();
                    assertThat(unavailable.await(5, TimeUnit.MINUTES))
                            .as("%s", answers)
                            .isTrue();
                    phase.set("after");
                    forwarder.restore();
                    assertThat(servingAgain.await(2, TimeUnit.MINUTES))
                            .as("serves again without a restart: %s", answers)
                            .isTrue();
                } finally {
                    stop.set(true);
                    for (Future<?> f : clients) {
                        f.get(2, TimeUnit.MINUTES);
                    }
                    pool.shutdownNow();
                }

                List<Answer> wrong = answers.stream()
                        .filter(a -> a.status() >= 300
                                && !(a.status() == 503 && a.code().equals("upstream_unavailable") && a.retryAfter()))
                        .toList();
                long unavailableAnswers =
                        answers.stream().filter(a -> a.status() == 503).count();
                System.out.printf(
                        "%d answers (by the phase their request began in): %d 2xx and %d 503 before the"
                                + " cut, %d 2xx and %d 503 while connections were refused, %d 2xx and %d 503 after; %d 503"
                                + " in all%n",
                        answers.size(),
                        count(answers, "before", 200),
                        count(answers, "before", 503),
                        count(answers, "outage", 200),
                        count(answers, "outage", 503),
                        count(answers, "after", 200),
                        count(answers, "after", 503),
                        unavailableAnswers);
                assertThat(wrong)
                        .as("every answer is a 2xx or 503 upstream_unavailable with Retry-After")
                        .isEmpty();
                assertThat(unavailableAnswers).isGreaterThanOrEqualTo(UNAVAILABLE_ANSWERS);
                List<String> lost = created.stream()
                        .filter(id ->
                                http.get("/api/shares/" + id, bearer(alice)).status() != 200)
                        .toList();
                assertThat(lost).as("links answered 201").isEmpty();
                assertThat(http.get("/health").status()).isEqualTo(200);

                ServedProcess.stop(serve);
                List<String> warnings = serve.stdout().stream()
                        .filter(l -> l.contains(" WARN ") && l.contains("answered 503: the database is unavailable"))
                        .toList();
                assertThat(serve.printedAStackTrace()).as(serve.output()).isFalse();
                assertThat(serve.stdout()).as(serve.output()).noneMatch(l -> l.contains(" ERROR "));
                assertThat(warnings).as(serve.output()).isNotEmpty();
                assertThat((long) warnings.size()).as("not a line per request").isLessThan(unavailableAnswers);
            }
        }
    }

    private static long count(Queue<Answer> answers, String phase, int statusClass) {
        return answers.stream()
                .filter(a -> a.phase().equals(phase) && a.status() / 100 == statusClass / 100)
                .count();
    }
}
