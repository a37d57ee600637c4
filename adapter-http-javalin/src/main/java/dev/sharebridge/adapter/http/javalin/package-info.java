/**
 * The HTTP adapter on Javalin: the server, its settings and what every route shares.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin;

import org.jspecify.annotations.NullMarked;
