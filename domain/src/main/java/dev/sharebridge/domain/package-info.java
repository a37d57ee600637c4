/**
 * The domain: plain Java values and rules shared by every part.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.domain;

import org.jspecify.annotations.NullMarked;
