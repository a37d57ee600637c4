/**
 * Driven ports: telling the other server instances on one database that what their caches keep
 * may be out of date.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.cache;

import org.jspecify.annotations.NullMarked;
