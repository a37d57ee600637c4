/**
 * Resumable uploads: the identity of an upload in progress.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.domain.upload;

import org.jspecify.annotations.NullMarked;
