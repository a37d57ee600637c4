/**
 * WebDAV write locks (RFC 4918 §6, §7): what a lock covers and which locks exclude each other,
 * whatever keeps them.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.domain.dav;

import org.jspecify.annotations.NullMarked;
