/**
 * The WebDAV locks and dead properties kept in this process's memory
 * ({@link dev.sharebridge.application.dav.InMemoryDavLocks},
 * {@link dev.sharebridge.application.dav.InMemoryDeadProperties}): for tests and embedding
 * applications with one instance; the server keeps them in its database (docs/webdav.md).
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.dav;

import org.jspecify.annotations.NullMarked;
