/**
 * The owner's files routes ({@code /api/files}, {@code /api/folders}).
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.files;

import org.jspecify.annotations.NullMarked;
