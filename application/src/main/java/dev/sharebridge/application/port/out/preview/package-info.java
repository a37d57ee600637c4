/**
 * Driven port: making a small picture of an image file for the listings (docs/architecture.md,
 * "Thumbnails").
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.preview;

import org.jspecify.annotations.NullMarked;
