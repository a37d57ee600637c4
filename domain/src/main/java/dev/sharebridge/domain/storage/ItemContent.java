package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.StoredItem;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * An open stream over a file's bytes (all of them, or one range). The caller must close it.
 *
 * @param item the file as it was when the stream was opened
 * @param range the range the stream holds, or empty for the whole file
 */
public record ItemContent(StoredItem item, Optional<ByteRange> range, InputStream stream) implements AutoCloseable {
    public ItemContent {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(stream, "stream");
    }

    /** Number of bytes the stream will deliver. */
    public long length() {
        return range.map(ByteRange::length).orElse(item.size());
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
