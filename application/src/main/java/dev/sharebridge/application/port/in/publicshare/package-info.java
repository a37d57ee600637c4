/**
 * Driving ports: what a visitor does with a public link.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.in.publicshare;

import org.jspecify.annotations.NullMarked;
