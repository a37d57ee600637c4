/**
 * What the routes share: request parsing, problem answers, headers, JSON shapes, the access log.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.internal;

import org.jspecify.annotations.NullMarked;
