/**
 * Meeting rooms, their roles, participants and shared folders.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.domain.room;

import org.jspecify.annotations.NullMarked;
