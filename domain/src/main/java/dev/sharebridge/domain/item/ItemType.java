package dev.sharebridge.domain.item;

import java.util.Locale;
import java.util.Optional;

/** Whether a stored item is a file or a folder. */
public enum ItemType {
    FILE,
    FOLDER;

    /** The lower-case wire name: {@code "file"} or {@code "folder"}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ItemType> fromWireName(String name) {
        if ("file".equals(name)) {
            return Optional.of(FILE);
        }
        if ("folder".equals(name)) {
            return Optional.of(FOLDER);
        }
        return Optional.empty();
    }
}
