/**
 * How the opens of links are counted when the count may be written later than the open:
 * {@link dev.sharebridge.application.counting.BatchedAccessCounts} in front of any
 * {@link dev.sharebridge.application.port.out.persistence.ShareRepository}. The one place that
 * knows how counting is batched.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.counting;

import org.jspecify.annotations.NullMarked;
