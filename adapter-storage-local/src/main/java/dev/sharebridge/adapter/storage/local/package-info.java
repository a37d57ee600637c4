/**
 * The storage provider on a local directory: the embedded default.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.storage.local;

import org.jspecify.annotations.NullMarked;
