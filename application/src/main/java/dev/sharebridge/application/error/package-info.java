/**
 * The expected outcomes of the use cases other than success, each with a stable code.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.error;

import org.jspecify.annotations.NullMarked;
