/**
 * The command line: serve, users, check-config.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.bootstrap.cli;

import org.jspecify.annotations.NullMarked;
