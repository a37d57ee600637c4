package dev.sharebridge.adapter.persistence.jdbi;

import static dev.sharebridge.adapter.persistence.jdbi.AccessGroupCommitTests.link;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server instances (two pools, each with its group commit) on one PostgreSQL schema: a limit
 * set on one while both count opens of the link is obeyed exactly by both.
 */
class PostgresAccessGroupCommitTest {
    private static PostgresSchema schema;
    private static JdbiPersistence a;
    private static JdbiPersistence b;

    @BeforeAll
    static void open() throws SQLException {
        schema = PostgresSchema.create();
        a = schema.open();
        b = schema.open();
    }

    @AfterAll
    static void close() throws SQLException {
        for (JdbiPersistence db : new JdbiPersistence[] {a, b}) {
            if (db != null) {
                db.close();
            }
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void aLimitSetOnOneInstanceWhileBothCountIsExactOnBoth() throws Exception {
        Share link = link(Optional.empty());
        a.shares().insert(link);
        AtomicLong granted = new AtomicLong();
        ExecutorService openers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (JdbiPersistence instance : List.of(a, b)) {
                running.add(openers.submit(() -> openUntilRefused(instance, link, granted)));
            }
            while (granted.get() < 100) {
                Thread.sleep(5);
            }
            long before = a.shares().findById(link.id()).orElseThrow().accessCount();
            long limit = before + 300;
            Share limited = a.shares().findById(link.id()).orElseThrow().withMaxAccesses(Optional.of(limit));
            assertThat(a.shares().update(limited)).isTrue();
            for (Future<?> f : running) {
                f.get();
            }

            long counted = b.shares().findById(link.id()).orElseThrow().accessCount();
            assertThat(counted).as("every granted open is counted, no other").isEqualTo(granted.get());
            assertThat(counted).as("the limit, exactly").isEqualTo(limit);
        } finally {
            openers.shutdownNow();
        }
    }

    /** Opens in rounds of 20 at once until a whole round is refused. */
    private static void openUntilRefused(JdbiPersistence instance, Share link, AtomicLong granted) {
        while (true) {
            List<CompletableFuture<Boolean>> round = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                round.add(instance.shares()
                        .recordAccessLater(LinkChain.of(link), Instant.now())
                        .toCompletableFuture());
            }
            long yes = round.stream().filter(CompletableFuture::join).count();
            granted.addAndGet(yes);
            if (yes == 0) {
                return;
            }
        }
    }
}
