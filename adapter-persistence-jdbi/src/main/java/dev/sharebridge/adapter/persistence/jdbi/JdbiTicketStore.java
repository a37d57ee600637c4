package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.room.PendingTicket;
import dev.sharebridge.application.port.out.room.TicketStore;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link TicketStore} on the {@code meeting_tickets} table. The take reads the row and deletes
 * it; only the caller whose DELETE removed it gets it, on whichever instance it runs, so the
 * statements need no transaction and no dialect's {@code RETURNING}.
 */
final class JdbiTicketStore implements TicketStore {
    private final MeetingSql sql;

    JdbiTicketStore(Jdbi jdbi) {
        this.sql = jdbi.onDemand(MeetingSql.class);
    }

    @Override
    public void add(String digest, PendingTicket ticket) {
        try {
            sql.insertTicket(
                    digest,
                    ticket.room().toString(),
                    ticket.user().map(UserId::value).orElse(null),
                    Instants.toMillis(ticket.expiresAt()));
        } catch (RuntimeException e) {
            if (SqlStates.isIntegrityViolation(e)) {
                throw new IllegalStateException("the ticket's room does not exist, or the ticket does");
            }
            throw e;
        }
    }

    @Override
    public Optional<PendingTicket> take(String digest, Instant now) {
        Optional<MeetingSql.TicketRow> row = sql.findTicket(digest);
        if (row.isEmpty() || sql.deleteTicket(digest) != 1) {
            return Optional.empty();
        }
        MeetingSql.TicketRow t = row.get();
        if (t.expiresAt() <= Instants.toMillis(now)) {
            return Optional.empty();
        }
        return Optional.of(new PendingTicket(
                RoomRowMapper.roomId(t.roomId()),
                Optional.ofNullable(t.userId()).map(UserId::of),
                Instant.ofEpochMilli(t.expiresAt())));
    }

    @Override
    public int removeExpired(Instant now) {
        return sql.deleteExpiredTickets(Instants.toMillis(now));
    }
}
