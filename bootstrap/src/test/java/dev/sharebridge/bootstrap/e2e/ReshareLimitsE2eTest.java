package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.adapter.persistence.jdbi.PostgresSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reshared links on the real server, on the embedded H2 default and on PostgreSQL: opens through
 * sub-links count against the parent's {@code max_accesses}, exactly under parallel load, and a
 * used-up parent ends its sub-links on every public route.
 */
class ReshareLimitsE2eTest {
    @TempDir
    Path dir;

    private PostgresSchema schema;

    /** A server on {@code database}, whose one client may get any number of 404s (all answers come from 127.0.0.1). */
    private E2eServer start(String database) throws Exception {
        String toml = E2eServer.baseToml(dir).replace("[security]\n", "[security]\nnot_found_per_client = 1000000\n");
        if (database.equals("postgresql")) {
            schema = PostgresSchema.create();
            toml += E2eServer.secretKeyLine() + "\n" + E2eServer.databaseToml(schema.url());
        }
        Path config = dir.resolve("sharebridge.toml");
        Files.writeString(config, toml, StandardCharsets.UTF_8);
        return E2eServer.startWith(config);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    private static String link(Http http, String owner, int maxAccesses) {
        Http.Response created = http.postJson(
                "/api/shares",
                Map.of(
                        "item_id",
                        "docs",
                        "max_accesses",
                        maxAccesses,
                        "permissions",
                        Map.of("read", true, "write", true, "reshare", true)),
                bearer(owner));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("token").asText();
    }

    private static String subLink(Http http, String parent) {
        Http.Response reshared = http.postJson(
                "/api/s/" + parent + "/shares",
                Map.of("permissions", Map.of("read", true, "write", true, "reshare", true)));
        assertThat(reshared.status()).as("%s", reshared).isEqualTo(201);
        return reshared.json().path("token").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aParentsMaxAccessesBoundsTheOpensThroughAllItsSubLinksOnEveryRoute(String database) throws Exception {
        try (E2eServer server = start(database)) {
            Http http = server.http();
            String alice = server.addUser("alice");
            assertThat(http.put("/api/files/docs/a.txt", "a".getBytes(StandardCharsets.UTF_8), bearer(alice))
                            .status())
                    .isEqualTo(201);
            String parent = link(http, alice, 2);
            String child = subLink(http, parent);
            String grandchild = subLink(http, child);

            assertThat(http.get("/api/s/" + child).status()).isEqualTo(200);
            assertThat(http.get("/api/s/" + grandchild + "/download/a.txt").status())
                    .isEqualTo(200);

            for (String token : List.of(parent, child, grandchild)) {
                String s = "/api/s/" + token;
                List<Supplier<Http.Response>> routes = List.of(
                        () -> http.get(s),
                        () -> http.head(s),
                        () -> http.postJson(s + "/verify", Map.of("password", "whatever it is")),
                        () -> http.get(s + "/list"),
                        () -> http.get(s + "/download/a.txt"),
                        () -> http.get(s + "/zip"),
                        () -> http.put(s + "/upload/new.txt", "n".getBytes(StandardCharsets.UTF_8)),
                        () -> http.send("POST", s + "/folders/new", new byte[0]),
                        () -> http.delete(s + "/items/a.txt"),
                        () -> http.postJson(s + "/shares", Map.of()));
                for (int i = 0; i < routes.size(); i++) {
                    assertThat(routes.get(i).get().status())
                            .as(
                                    "route %d of %s",
                                    i,
                                    token.equals(parent)
                                            ? "the parent"
                                            : token.equals(child) ? "the child" : "the grandchild")
                            .isEqualTo(404);
                }
            }
            Http.Response listing = http.get("/api/folders/docs", bearer(alice));
            assertThat(listing.json().path("children"))
                    .extracting(c -> c.path("name").asText())
                    .containsExactly("a.txt");
            List<String> counts = new ArrayList<>();
            for (var share : http.get("/api/shares", bearer(alice)).json().path("items")) {
                counts.add(share.path("access_count").asText());
            }
            assertThat(counts)
                    .as("parent, child (its own open and its sub-link's), grandchild")
                    .containsExactlyInAnyOrder("2", "2", "1");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void parallelOpensThroughSeveralSubLinksStopExactlyAtTheParentsMaxAccesses(String database) throws Exception {
        int max = 15;
        try (E2eServer server = start(database)) {
            Http http = server.http();
            String alice = server.addUser("alice");
            http.put("/api/files/docs/a.txt", "a".getBytes(StandardCharsets.UTF_8), bearer(alice));
            String parent = link(http, alice, max);
            List<String> subLinks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                subLinks.add(subLink(http, parent));
            }
            subLinks.add(subLink(http, subLinks.get(0)));

            ExecutorService pool = Executors.newFixedThreadPool(12);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < 60; i++) {
                    String token = subLinks.get(i % subLinks.size());
                    boolean download = i % 2 == 0;
                    answers.add(pool.submit(() -> {
                        start.await();
                        return (download
                                        ? http.get("/api/s/" + token + "/download/a.txt")
                                        : http.get("/api/s/" + token))
                                .status();
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : answers) {
                    statuses.add(f.get());
                }
                assertThat(statuses).containsOnly(200, 404);
                assertThat(statuses.stream().filter(s -> s == 200).count())
                        .as("%s", statuses)
                        .isEqualTo(max);
            } finally {
                pool.shutdownNow();
            }
            assertThat(http.get("/api/s/" + parent).status()).isEqualTo(404);
        }
    }
}
