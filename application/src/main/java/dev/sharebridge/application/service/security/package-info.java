/**
 * The use cases of the server key.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.security;

import org.jspecify.annotations.NullMarked;
