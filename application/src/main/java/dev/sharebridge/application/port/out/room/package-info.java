/**
 * Driven ports: where rooms and shared folders are kept.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.room;

import org.jspecify.annotations.NullMarked;
