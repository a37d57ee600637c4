/**
 * The storage provider and the shared folders on NextCloud: WebDAV and the OCS share API.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.nextcloud;

import org.jspecify.annotations.NullMarked;
