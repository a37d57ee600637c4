/**
 * Driven adapter: thumbnails made with the JDK's own ImageIO readers and writers, within limits
 * of bytes, pixels and time (docs/architecture.md, "Thumbnails").
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.preview.imageio;

import org.jspecify.annotations.NullMarked;
