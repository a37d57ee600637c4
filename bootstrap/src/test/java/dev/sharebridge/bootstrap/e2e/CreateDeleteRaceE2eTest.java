package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, item 2 on the real server (H2, local files): password links are created while their
 * file is deleted, over and over, with every core kept busy. However the requests interleave, no
 * link may outlive the delete; before the fence, links whose creation looked at the file before
 * the delete and stored the link after it did (and later served the next file at that path).
 */
class CreateDeleteRaceE2eTest {
    private static final int ROUNDS = 12;
    private static final int CREATORS = 3;

    @TempDir
    Path dir;

    private E2eServer server;
    private Http http;
    private String alice;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir);
        http = server.http();
        alice = server.addUser("alice");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void noLinkOutlivesTheDeleteOfItsFileWhateverTheInterleaving() throws Exception {
        AtomicBoolean busy = new AtomicBoolean(true);
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService burners = Executors.newFixedThreadPool(cores);
        ExecutorService clients = Executors.newFixedThreadPool(CREATORS + 1);
        List<Integer> answers = new ArrayList<>();
        try {
            for (int i = 0; i < cores; i++) {
                burners.submit(() -> {
                    long x = 0;
                    while (busy.get()) {
                        x += System.nanoTime() % 7; // keeps a core busy, bounded by the test
                    }
                    return x;
                });
            }
            for (int round = 0; round < ROUNDS; round++) {
                String path = "docs/report-" + round + ".txt";
                assertThat(http.put(
                                        "/api/files/" + path,
                                        ("round " + round).getBytes(StandardCharsets.UTF_8),
                                        bearer(alice))
                                .status())
                        .isEqualTo(201);
                List<CompletableFuture<Integer>> creations = new ArrayList<>();
                for (int c = 0; c < CREATORS; c++) {
                    creations.add(CompletableFuture.supplyAsync(
                            () -> http.postJson(
                                            "/api/shares",
                                            Map.of("item_id", path, "password", "a long passphrase"),
                                            bearer(alice))
                                    .status(),
                            clients));
                }
                CompletableFuture<Integer> delete = CompletableFuture.supplyAsync(
                        () -> http.delete("/api/files/" + path, bearer(alice)).status(), clients);
                assertThat(delete.get(60, TimeUnit.SECONDS)).isEqualTo(204);
                for (CompletableFuture<Integer> c : creations) {
                    int status = c.get(60, TimeUnit.SECONDS);
                    assertThat(status).as("a creation is made or finds nothing").isIn(201, 404);
                    answers.add(status);
                }
                // the next file at that path must not be reachable through any earlier link
                assertThat(http.put(
                                        "/api/files/" + path,
                                        "someone else's file".getBytes(StandardCharsets.UTF_8),
                                        bearer(alice))
                                .status())
                        .isEqualTo(201);
                Http.Response links = http.get("/api/shares?item_id=" + path, bearer(alice));
                assertThat(links.json().path("items"))
                        .as("round %d: %s", round, answers)
                        .isEmpty();
            }
        } finally {
            busy.set(false);
            burners.shutdown();
            clients.shutdown();
            assertThat(burners.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(answers).hasSize(ROUNDS * CREATORS);
    }
}
