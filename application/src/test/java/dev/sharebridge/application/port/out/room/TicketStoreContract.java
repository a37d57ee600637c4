package dev.sharebridge.application.port.out.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TicketStore} must do; run against each implementation. */
public abstract class TicketStoreContract {
    protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00.250Z");
    private static final UserId BOB = UserId.of("bob");

    protected TicketStore tickets;

    /** A fresh store. */
    protected abstract TicketStore newStore();

    /** A room the store will accept tickets for. */
    protected abstract RoomId newRoom();

    /** A second store on the same data (another instance on the same database); the same by default. */
    protected TicketStore otherInstance() {
        return tickets;
    }

    @BeforeEach
    public void setUpStore() {
        tickets = newStore();
    }

    @Test
    public void aTicketIsTakenOnceWithWhatItAdmitsTo() {
        RoomId room = newRoom();
        PendingTicket user = new PendingTicket(room, Optional.of(BOB), T0.plusSeconds(60));
        PendingTicket guest = new PendingTicket(room, Optional.empty(), T0.plusSeconds(60));
        tickets.add("digest-user", user);
        tickets.add("digest-guest", guest);

        assertThat(tickets.take("digest-user", T0)).contains(user);
        assertThat(tickets.take("digest-user", T0)).isEmpty();
        assertThat(tickets.take("digest-guest", T0.plusSeconds(59))).contains(guest);
        assertThat(tickets.take("digest-unknown", T0)).isEmpty();
    }

    @Test
    public void aTicketIssuedOnOneInstanceIsTakenOnAnotherOnce() {
        RoomId room = newRoom();
        PendingTicket t = new PendingTicket(room, Optional.of(BOB), T0.plusSeconds(60));
        tickets.add("digest-elsewhere", t);

        assertThat(otherInstance().take("digest-elsewhere", T0.plusSeconds(1))).contains(t);
        assertThat(tickets.take("digest-elsewhere", T0.plusSeconds(1))).isEmpty();
    }

    @Test
    public void anExpiredTicketIsNotReturnedAndIsGone() {
        RoomId room = newRoom();
        tickets.add("digest-late", new PendingTicket(room, Optional.of(BOB), T0.plusSeconds(60)));

        assertThat(tickets.take("digest-late", T0.plusSeconds(60))).isEmpty();
        assertThat(tickets.take("digest-late", T0)).isEmpty();
    }

    @Test
    public void removeExpiredRemovesOnlyTheExpired() {
        RoomId room = newRoom();
        PendingTicket fresh = new PendingTicket(room, Optional.empty(), T0.plusSeconds(61));
        tickets.add("digest-old-1", new PendingTicket(room, Optional.empty(), T0.plusSeconds(59)));
        tickets.add("digest-old-2", new PendingTicket(room, Optional.of(BOB), T0.plusSeconds(60)));
        tickets.add("digest-fresh", fresh);

        assertThat(tickets.removeExpired(T0.plusSeconds(60))).isEqualTo(2);
        assertThat(tickets.removeExpired(T0.plusSeconds(60))).isZero();
        assertThat(tickets.take("digest-fresh", T0)).contains(fresh);
    }

    @Test
    public void concurrentTakesOfOneTicketSucceedOnce() throws Exception {
        RoomId room = newRoom();
        tickets.add("digest-raced", new PendingTicket(room, Optional.of(BOB), T0.plusSeconds(60)));
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch ready = new CountDownLatch(callers);
            CountDownLatch go = new CountDownLatch(1);
            List<Callable<Optional<PendingTicket>>> calls = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                TicketStore store = i % 2 == 0 ? tickets : otherInstance();
                calls.add(() -> {
                    ready.countDown();
                    go.await();
                    return store.take("digest-raced", T0);
                });
            }
            List<Future<Optional<PendingTicket>>> futures = new ArrayList<>();
            for (Callable<Optional<PendingTicket>> call : calls) {
                futures.add(pool.submit(call));
            }
            ready.await();
            go.countDown();
            int taken = 0;
            for (Future<Optional<PendingTicket>> f : futures) {
                taken += f.get().isPresent() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
