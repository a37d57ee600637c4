package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the tests of the group commit ({@code application.counting.AccessGroupCommit}) share. */
final class AccessGroupCommitTests {
    static final UserId ALICE = UserId.of("alice");

    private AccessGroupCommitTests() {}

    static Share link(Optional<Long> maxAccesses) {
        return new Share(
                ShareId.random(),
                ItemPath.of("a"),
                ItemType.FILE,
                Optional.empty(),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                maxAccesses,
                0,
                Optional.empty(),
                Instant.parse("2026-01-01T00:00:00Z"),
                ALICE,
                Optional.empty());
    }

    /** Starts {@code n} opens of {@code link} at once, each joining whatever batch is open. */
    static List<CompletableFuture<Boolean>> open(ShareRepository shares, Share link, int n) {
        List<CompletableFuture<Boolean>> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            answers.add(
                    shares.recordAccessLater(LinkChain.of(link), Instant.now()).toCompletableFuture());
        }
        return answers;
    }

    /** Keeps every core busy until closed, as other builds on the machine do (and worse). */
    static final class BusyCpu implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        BusyCpu() {
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                Thread t = new Thread(() -> {
                    long x = 0;
                    while (!stop.get()) {
                        x += System.nanoTime() % 7;
                    }
                    if (x == 42) {
                        Thread.yield();
                    }
                });
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
