/**
 * Driven ports: delivering signaling messages to participants.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.signaling;

import org.jspecify.annotations.NullMarked;
