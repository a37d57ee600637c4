package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.domain.item.StoredItem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The wire form of a file or folder: {@code {path, name, type, size, modified_at, preview}};
 * {@code preview} is how the pages may show a file ({@link MediaTypes#preview}), null if only
 * downloaded.
 */
public record ItemJson(String path, String name, String type, long size, Instant modifiedAt, String preview) {
    public static ItemJson from(StoredItem item) {
        return new ItemJson(
                item.path().relative(),
                item.name(),
                item.type().wireName(),
                item.size(),
                seconds(item.modifiedAt()),
                previewOf(item));
    }

    /** The wire name of the file's preview, null for a folder or a file that is only downloaded. */
    public static String previewOf(StoredItem item) {
        if (item.isFolder()) {
            return null;
        }
        return MediaTypes.preview(item.name()).map(MediaTypes.Preview::wireName).orElse(null);
    }

    /** Instants go out as {@code 2026-12-01T10:00:00Z}: whole seconds, UTC. */
    public static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
