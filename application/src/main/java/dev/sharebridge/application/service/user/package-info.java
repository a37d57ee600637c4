/**
 * The use cases of users and tokens.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.user;

import org.jspecify.annotations.NullMarked;
