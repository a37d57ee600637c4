/**
 * The use cases of public links: open, verify, browse, download, upload, reshare.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.publicshare;

import org.jspecify.annotations.NullMarked;
