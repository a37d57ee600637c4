/**
 * The benchmarks driven from {@code bench/run.sh}.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.bench;

import org.jspecify.annotations.NullMarked;
