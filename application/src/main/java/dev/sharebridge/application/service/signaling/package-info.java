/**
 * The room-event channel of a single process: an in-process bus.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.signaling;

import org.jspecify.annotations.NullMarked;
