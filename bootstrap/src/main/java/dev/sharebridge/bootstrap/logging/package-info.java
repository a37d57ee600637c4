/**
 * The log layout: one line per event, secrets masked.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.bootstrap.logging;

import org.jspecify.annotations.NullMarked;
