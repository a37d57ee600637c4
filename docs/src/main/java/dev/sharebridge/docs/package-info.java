/**
 * The embedding example: the use cases wired by hand, without the server.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.docs;

import org.jspecify.annotations.NullMarked;
