package dev.sharebridge.adapter.persistence.jdbi;

import java.time.Instant;
import java.util.Optional;

/** Instants are stored as epoch milliseconds: exact and time-zone free on every database. */
final class Instants {
    private Instants() {}

    static long toMillis(Instant instant) {
        return instant.toEpochMilli();
    }

    static Long toMillis(Optional<Instant> instant) {
        return instant.map(Instant::toEpochMilli).orElse(null);
    }
}
