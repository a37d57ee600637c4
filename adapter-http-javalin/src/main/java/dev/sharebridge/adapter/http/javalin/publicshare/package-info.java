/**
 * The public share-link routes under {@code /api/s/{token}}.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.publicshare;

import org.jspecify.annotations.NullMarked;
