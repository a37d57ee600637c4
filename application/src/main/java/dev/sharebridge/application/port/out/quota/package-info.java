/**
 * Driven port: where the used bytes of the users' spaces and the bytes links received are kept
 * (docs/architecture.md, "Quotas").
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.quota;

import org.jspecify.annotations.NullMarked;
