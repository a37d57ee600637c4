/**
 * The TOML configuration and its environment overrides, checked before anything starts.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.bootstrap.config;

import org.jspecify.annotations.NullMarked;
