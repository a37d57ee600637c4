/**
 * The use cases of public links, one service per driving port (open, verify, browse, download,
 * change content, reshare), wired by {@link dev.sharebridge.application.service.publicshare.PublicShareServices}
 * behind the checks they share ({@code LinkGate}).
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.publicshare;

import org.jspecify.annotations.NullMarked;
