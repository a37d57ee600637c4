/**
 * The signaling WebSocket {@code /signaling} and the publisher that writes to it.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.signaling;

import org.jspecify.annotations.NullMarked;
