/**
 * The two web pages and their assets: the owners' app and the share page.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.web;

import org.jspecify.annotations.NullMarked;
