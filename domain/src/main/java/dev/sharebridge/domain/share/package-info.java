/**
 * Share links: tokens, permissions, policies and their rules.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.domain.share;

import org.jspecify.annotations.NullMarked;
