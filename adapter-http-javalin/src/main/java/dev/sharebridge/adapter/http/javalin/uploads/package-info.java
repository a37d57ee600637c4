/**
 * Resumable uploads over the tus 1.0 protocol (docs/uploads.md): the owner's under
 * {@code /api/uploads}, a link's under {@code /api/s/{token}/uploads}.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.uploads;

import org.jspecify.annotations.NullMarked;
