/**
 * The use cases of the owner's share links.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.share;

import org.jspecify.annotations.NullMarked;
