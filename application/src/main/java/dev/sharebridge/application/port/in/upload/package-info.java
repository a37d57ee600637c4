/**
 * Driving ports: resumable uploads (the tus protocol's operations, docs/uploads.md) into the
 * owner's space and through links, and the sweep of expired ones.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.in.upload;

import org.jspecify.annotations.NullMarked;
