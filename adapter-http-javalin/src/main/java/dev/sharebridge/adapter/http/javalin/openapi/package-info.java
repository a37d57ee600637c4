/**
 * {@code GET /openapi.yaml}: the OpenAPI document as shipped.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.openapi;

import org.jspecify.annotations.NullMarked;
