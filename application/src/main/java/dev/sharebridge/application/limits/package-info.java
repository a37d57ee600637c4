/**
 * The budgets of failures kept in this process's memory
 * ({@link dev.sharebridge.application.limits.InMemoryFailureBudgets}): for one server instance
 * (H2) and for embedding applications.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.limits;

import org.jspecify.annotations.NullMarked;
