package dev.sharebridge.application.port.in.room;

import java.time.Instant;

/** A single-use ticket to open the signaling connection, valid until {@code expiresAt}. */
public record Ticket(String value, Instant expiresAt) {
    @Override
    public String toString() {
        return "Ticket[until " + expiresAt + "]";
    }
}
