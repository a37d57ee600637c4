package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a {@code serve} process on the embedded H2 default while it is busy writing:
 * after a restart on the same data directory, everything it acknowledged is there. Links answered
 * {@code 201}, deletions answered {@code 204}, rooms answered {@code 201}, a user the CLI added
 * while the server ran, every counted open of a link with {@code max_accesses} answered
 * {@code 200}, and the count of a link without a limit as a read of it showed it. The link
 * without a limit is opened by several clients at once, so its opens are committed in batches:
 * every open answered {@code 200} is counted; the opens cut off by the kill before their answer
 * may or may not be, so the count lies between the two.
 */
class KillDuringWritesE2eTest {
    /** Acknowledged link creations before the kill; at a few hundred per second, about a second of load. */
    private static final int CREATED_BEFORE_KILL = 400;

    private static final int WRITERS = 3;

    /** Clients opening the link without a limit at once, besides the one that opens both links. */
    private static final int OPENERS = 4;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesAKillNineOfTheServer() throws Exception {
        ServedProcess served = ServedProcess.configure(dir);
        String alice = served.addUser("alice");
        Http http = served.http();

        Queue<String> created = new ConcurrentLinkedQueue<>();
        Queue<String> deleted = new ConcurrentLinkedQueue<>();
        Queue<String> rooms = new ConcurrentLinkedQueue<>();
        AtomicLong countedOpens = new AtomicLong();
        AtomicLong attemptedOpens = new AtomicLong();
        AtomicLong answeredUnlimited = new AtomicLong();
        AtomicLong attemptedUnlimited = new AtomicLong();
        String limitedId;
        String unlimitedId;
        String bob;
        long shownCount;
        try (JavaProcess serve = served.serve()) {
            assertThat(http.put("/api/files/docs/a.txt", "a".getBytes(StandardCharsets.UTF_8), bearer(alice))
                            .status())
                    .isEqualTo(201);
            Http.Response limited = http.postJson(
                    "/api/shares", Map.of("item_id", "docs/a.txt", "max_accesses", 1_000_000_000), bearer(alice));
            assertThat(limited.status()).as("%s", limited).isEqualTo(201);
            limitedId = limited.json().path("id").asText();
            String limitedLink = "/api/s/" + limited.json().path("token").asText();
            Http.Response unlimited = http.postJson("/api/shares", Map.of("item_id", "docs/a.txt"), bearer(alice));
            unlimitedId = unlimited.json().path("id").asText();
            String unlimitedLink = "/api/s/" + unlimited.json().path("token").asText();

            AtomicBoolean killed = new AtomicBoolean();
            CountDownLatch enough = new CountDownLatch(CREATED_BEFORE_KILL);
            ExecutorService load = Executors.newFixedThreadPool(WRITERS + 1 + OPENERS);
            List<Future<?>> running = new ArrayList<>();
            try {
                for (int w = 0; w < WRITERS; w++) {
                    running.add(load.submit(() -> write(http, alice, created, deleted, rooms, enough, killed)));
                }
                running.add(load.submit(() -> {
                    while (!killed.get()) {
                        attemptedOpens.incrementAndGet();
                        Http.Response open = quietly(() -> http.get(limitedLink));
                        if (open == null) {
                            return;
                        }
                        assertThat(open.status()).as("%s", open).isEqualTo(200);
                        countedOpens.incrementAndGet();
                        if (!openCounted(http, unlimitedLink, answeredUnlimited, attemptedUnlimited)) {
                            return;
                        }
                    }
                }));
                for (int o = 0; o < OPENERS; o++) {
                    running.add(load.submit(() -> {
                        boolean answered = true;
                        while (answered && !killed.get()) {
                            answered = openCounted(http, unlimitedLink, answeredUnlimited, attemptedUnlimited);
                        }
                    }));
                }
                // a user added by the CLI while the server runs (through the server's own database)
                bob = served.addUser("bob");
                assertThat(enough.await(JavaProcess.STARTUP.toMillis(), TimeUnit.MILLISECONDS))
                        .as("%d links created", created.size())
                        .isTrue();
                // every open answered before this read is in the count it shows
                Http.Response shown = http.get("/api/shares/" + unlimitedId, bearer(alice));
                shownCount = shown.json().path("access_count").asLong();
                assertThat(shownCount).as("%s", shown).isPositive();

                killed.set(true);
                serve.kill();
                assertThat(serve.awaitExit(ServedProcess.STOP)).isNotZero();
                for (Future<?> f : running) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                load.shutdownNow();
            }
        }

        try (JavaProcess again = served.serve()) {
            List<String> lostLinks = created.stream()
                    .filter(id -> http.get("/api/shares/" + id, bearer(alice)).status() != 200)
                    .toList();
            List<String> revivedLinks = deleted.stream()
                    .filter(id -> http.get("/api/shares/" + id, bearer(alice)).status() != 404)
                    .toList();
            List<String> lostRooms = rooms.stream()
                    .filter(id -> http.get("/v1/rooms/" + id, bearer(alice)).status() != 200)
                    .toList();
            long limitedCount = http.get("/api/shares/" + limitedId, bearer(alice))
                    .json()
                    .path("access_count")
                    .asLong();
            long unlimitedCount = http.get("/api/shares/" + unlimitedId, bearer(alice))
                    .json()
                    .path("access_count")
                    .asLong();

            int bobs = http.get("/api/folders", bearer(bob)).status();
            String summary = String.format(
                    "lost links %d of %d, revived deletions %d of %d, lost rooms %d of %d,"
                            + " limited link counted %d for %d acknowledged opens (%d tried), unlimited link counted %d"
                            + " after %d were shown, for %d acknowledged opens (%d tried), the CLI's user answered %d",
                    lostLinks.size(),
                    created.size(),
                    revivedLinks.size(),
                    deleted.size(),
                    lostRooms.size(),
                    rooms.size(),
                    limitedCount,
                    countedOpens.get(),
                    attemptedOpens.get(),
                    unlimitedCount,
                    shownCount,
                    answeredUnlimited.get(),
                    attemptedUnlimited.get(),
                    bobs);
            System.out.println(summary);
            assertThat(lostLinks.size() + revivedLinks.size() + lostRooms.size())
                    .as(summary)
                    .isZero();
            assertThat(limitedCount).as(summary).isBetween(countedOpens.get(), attemptedOpens.get());
            assertThat(unlimitedCount).as(summary).isGreaterThanOrEqualTo(shownCount);
            assertThat(unlimitedCount).as(summary).isBetween(answeredUnlimited.get(), attemptedUnlimited.get());
            assertThat(answeredUnlimited.get()).as(summary).isGreaterThan(OPENERS);
            assertThat(bobs).as(summary).isEqualTo(200);
            assertThat(deleted).isNotEmpty();
            assertThat(rooms).isNotEmpty();
            ServedProcess.stop(again);
        }
    }

    /**
     * Creates links until the kill; every fourth round deletes one of them, every eighth makes a
     * room. Only what was answered is recorded.
     */
    private static void write(
            Http http,
            String token,
            Queue<String> created,
            Queue<String> deleted,
            Queue<String> rooms,
            CountDownLatch enough,
            AtomicBoolean killed) {
        List<String> mine = new ArrayList<>();
        for (int round = 1; !killed.get(); round++) {
            Http.Response share =
                    quietly(() -> http.postJson("/api/shares", Map.of("item_id", "docs/a.txt"), bearer(token)));
            if (share == null) {
                return;
            }
            assertThat(share.status()).as("%s", share).isEqualTo(201);
            String id = share.json().path("id").asText();
            created.add(id);
            mine.add(id);
            enough.countDown();
            if (round % 4 == 0) {
                String doomed = mine.remove(0);
                // from now on unknown, until the answer says
                created.remove(doomed);
                Http.Response gone = quietly(() -> http.delete("/api/shares/" + doomed, bearer(token)));
                if (gone == null) {
                    return;
                }
                assertThat(gone.status()).as("%s", gone).isEqualTo(204);
                deleted.add(doomed);
            }
            if (round % 8 == 0) {
                Http.Response room = quietly(() -> http.postJson("/v1/rooms", Map.of("title", "r"), bearer(token)));
                if (room == null) {
                    return;
                }
                assertThat(room.status()).as("%s", room).isEqualTo(201);
                rooms.add(room.json().path("id").asText());
            }
        }
    }

    /**
     * Opens a link once, recording the attempt before it is sent and the {@code 200} once it is
     * answered; false when the server is gone.
     */
    private static boolean openCounted(Http http, String link, AtomicLong answered, AtomicLong attempted) {
        attempted.incrementAndGet();
        Http.Response open = quietly(() -> http.get(link));
        if (open == null) {
            return false;
        }
        assertThat(open.status()).as("%s", open).isEqualTo(200);
        answered.incrementAndGet();
        return true;
    }

    /** The answer, or null when the server is gone (the request never got one). */
    private static Http.Response quietly(java.util.function.Supplier<Http.Response> request) {
        try {
            return request.get();
        } catch (UncheckedIOException e) {
            return null;
        }
    }
}
