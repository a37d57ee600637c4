package dev.sharebridge.application.port.out.persistence;

import java.time.Instant;

/**
 * Accesses to one link that were counted outside the database and are to be added to its row:
 * how many, and when the latest of them happened (see {@link ShareRepository#addAccesses}).
 *
 * @param count at least 1
 */
public record CountedAccesses(long count, Instant last) {
    public CountedAccesses {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
    }
}
