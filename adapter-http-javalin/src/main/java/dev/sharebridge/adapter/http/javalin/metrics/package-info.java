/**
 * {@code GET /metrics}: the Prometheus scrape.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.metrics;

import org.jspecify.annotations.NullMarked;
