/**
 * The JMH benchmarks.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.bench.jmh;

import org.jspecify.annotations.NullMarked;
