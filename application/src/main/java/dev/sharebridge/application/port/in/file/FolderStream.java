package dev.sharebridge.application.port.in.file;

import dev.sharebridge.domain.item.StoredItem;
import java.util.stream.Stream;

/**
 * A folder and its direct children as they are read, in no particular order, for answers that
 * stream a big folder without holding it. Paths as in {@link FolderListing}. Close it (it holds
 * the folder open); a failure while the children are read is unchecked.
 */
public record FolderStream(StoredItem folder, Stream<StoredItem> children) implements AutoCloseable {
    @Override
    public void close() {
        children.close();
    }
}
