/**
 * The owner's share-link routes under {@code /api/shares}.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.shares;

import org.jspecify.annotations.NullMarked;
