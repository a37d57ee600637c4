/**
 * The meeting-room routes under {@code /v1/rooms}.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.rooms;

import org.jspecify.annotations.NullMarked;
