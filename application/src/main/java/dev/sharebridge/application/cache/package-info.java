/**
 * Reads kept for a moment in front of the ports whose reads dominate a hot request.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.cache;

import org.jspecify.annotations.NullMarked;
