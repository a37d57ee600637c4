package dev.sharebridge.domain.storage;

import dev.sharebridge.domain.item.StoredItem;

/** The outcome of writing a file: the stored file and whether it was new. */
public record WriteResult(StoredItem item, boolean created) {}
