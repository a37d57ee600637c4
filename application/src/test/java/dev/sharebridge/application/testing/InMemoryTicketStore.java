package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.room.PendingTicket;
import dev.sharebridge.application.port.out.room.TicketStore;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe in-memory {@link TicketStore}: {@code remove} is the atomic take. */
public final class InMemoryTicketStore implements TicketStore {
    private final Map<String, PendingTicket> tickets = new ConcurrentHashMap<>();

    @Override
    public void add(String digest, PendingTicket ticket) {
        if (tickets.putIfAbsent(digest, ticket) != null) {
            throw new IllegalStateException("a ticket with this digest exists");
        }
    }

    @Override
    public Optional<PendingTicket> take(String digest, Instant now) {
        PendingTicket t = tickets.remove(digest);
        return t == null || !now.isBefore(t.expiresAt()) ? Optional.empty() : Optional.of(t);
    }

    @Override
    public int removeExpired(Instant now) {
        int before = tickets.size();
        tickets.values().removeIf(t -> !now.isBefore(t.expiresAt()));
        return before - tickets.size();
    }

    public int size() {
        return tickets.size();
    }
}
