package dev.sharebridge.application.port.out.room;

import java.time.Instant;
import java.util.Optional;

/**
 * Signaling tickets between their issue and their use, shared by every server instance on one
 * database: a ticket issued by one instance can be used on any other, once. Only a digest of the
 * ticket is kept, never the ticket itself.
 */
public interface TicketStore {

    /** Keeps a new ticket under its digest. */
    void add(String digest, PendingTicket ticket);

    /**
     * Takes the ticket out: among any number of concurrent callers, on any instance, at most one
     * gets it, and nobody gets it again. An expired ticket ({@code expiresAt} at or before
     * {@code now}) is removed too, and not returned.
     */
    Optional<PendingTicket> take(String digest, Instant now);

    /** Removes every ticket that expired at or before {@code now}. @return how many */
    int removeExpired(Instant now);
}
