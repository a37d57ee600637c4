package dev.sharebridge.domain.room;

import java.util.Objects;

/** One live connection of a person to a meeting (random, server-made). */
public record ParticipantId(String value) {
    public ParticipantId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
