/**
 * How the accesses of links are counted many at a time without any being answered before it is
 * committed: {@link dev.sharebridge.application.counting.AccessGroupCommit} in front of any
 * {@link dev.sharebridge.application.port.out.persistence.ShareRepository}. The one place that
 * knows how counting is batched.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.counting;

import org.jspecify.annotations.NullMarked;
