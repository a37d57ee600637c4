/**
 * {@code GET /health} and the checks it runs.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.health;

import org.jspecify.annotations.NullMarked;
