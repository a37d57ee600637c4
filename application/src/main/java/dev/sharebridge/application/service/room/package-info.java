/**
 * The use cases of rooms, shared folders and meetings.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.room;

import org.jspecify.annotations.NullMarked;
