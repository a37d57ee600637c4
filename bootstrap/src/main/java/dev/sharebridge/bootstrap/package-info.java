/**
 * The composition root: builds, starts and stops the whole server.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.bootstrap;

import org.jspecify.annotations.NullMarked;
