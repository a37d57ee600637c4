/**
 * Thumbnails of image files for the listings (docs/reference.md §5 and §6): the owner's under
 * {@code /api/thumbnails}, a link's under {@code /api/s/{token}/thumbnail}.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.thumbnails;

import org.jspecify.annotations.NullMarked;
