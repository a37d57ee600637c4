/**
 * Users.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.domain.user;

import org.jspecify.annotations.NullMarked;
