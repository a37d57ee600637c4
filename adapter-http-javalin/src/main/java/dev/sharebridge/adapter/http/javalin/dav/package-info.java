/**
 * WebDAV (RFC 4918, classes 1 and 2) for the owner's own files at {@code /dav/} and for share
 * links at {@code /dav/s/{token}/} (docs/webdav.md): one protocol written here
 * ({@code DavProtocol}) over a {@code DavSpace} each, the owner file use cases or the public
 * share-link use cases, which decide what may be read and changed. No WebDAV server library on Maven Central fits a
 * Javalin route table and the hexagon (the kept ones, Milton and Apache Jackrabbit's, bring their
 * own servlet and resource model), so the methods are Javalin routes of their own method names
 * and keep the access log, the metrics and the request limits of every other route.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.http.javalin.dav;

import org.jspecify.annotations.NullMarked;
