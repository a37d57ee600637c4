/**
 * Files and folders: paths, items, byte ranges.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.domain.item;

import org.jspecify.annotations.NullMarked;
