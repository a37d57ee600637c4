/**
 * Driven ports: the budgets of failures that protect the public routes against guessing, which
 * every server instance on one database shares.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.limits;

import org.jspecify.annotations.NullMarked;
