/**
 * Quotas and limits: the used bytes of each space against its quota, what a link received
 * against its limits, and the largest file (docs/architecture.md, "Quotas").
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.quota;

import org.jspecify.annotations.NullMarked;
