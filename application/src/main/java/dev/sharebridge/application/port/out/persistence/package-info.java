/**
 * Driven ports: where users and share links are kept, and the deletion fence.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.persistence;

import org.jspecify.annotations.NullMarked;
