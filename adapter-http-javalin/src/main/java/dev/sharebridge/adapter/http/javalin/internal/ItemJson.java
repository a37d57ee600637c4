package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.domain.item.StoredItem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The wire form of a file or folder: {@code {path, name, type, size, modified_at}}. */
public record ItemJson(String path, String name, String type, long size, Instant modifiedAt) {
    public static ItemJson from(StoredItem item) {
        return new ItemJson(
                item.path().relative(), item.name(), item.type().wireName(), item.size(), seconds(item.modifiedAt()));
    }

    /** Instants go out as {@code 2026-12-01T10:00:00Z}: whole seconds, UTC. */
    public static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
