package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository.Claim;
import dev.sharebridge.domain.room.RoomId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many callers claiming one room at once, spread over the given repositories, released together. */
final class ClaimRace {
    private ClaimRace() {}

    static List<Claim> run(
            List<SharedFolderRepository> repositories, int callers, RoomId room, Instant now, Instant leaseUntil)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch ready = new CountDownLatch(callers);
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Claim>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                SharedFolderRepository repository = repositories.get(i % repositories.size());
                calls.add(() -> {
                    ready.countDown();
                    go.await();
                    return repository.claim(room, now, leaseUntil);
                });
            }
            List<Future<Claim>> futures = new ArrayList<>();
            for (Callable<Claim> call : calls) {
                futures.add(pool.submit(call));
            }
            // every caller is parked at the gate before any of them may go
            ready.await();
            go.countDown();
            List<Claim> claims = new ArrayList<>();
            for (Future<Claim> f : futures) {
                claims.add(f.get());
            }
            return claims;
        } finally {
            pool.shutdownNow();
        }
    }
}
