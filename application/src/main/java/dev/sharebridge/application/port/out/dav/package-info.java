/**
 * Driven ports: what the WebDAV spaces keep beside the content, their locks
 * ({@link dev.sharebridge.application.port.out.dav.DavLockStore}) and dead properties
 * ({@link dev.sharebridge.application.port.out.dav.DeadPropertyStore}), which every server
 * instance on one database shares (docs/webdav.md).
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.dav;

import org.jspecify.annotations.NullMarked;
