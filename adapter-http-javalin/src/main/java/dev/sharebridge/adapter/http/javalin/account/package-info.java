/**
 * The caller's own account ({@code /api/me}): who they are and what their space uses.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.account;

import org.jspecify.annotations.NullMarked;
