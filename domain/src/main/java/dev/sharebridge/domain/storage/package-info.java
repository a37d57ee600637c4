/**
 * The storage port and its typed failures.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.domain.storage;

import org.jspecify.annotations.NullMarked;
