/**
 * Driving ports: the server key that seals stored secrets and signs grants.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.in.security;

import org.jspecify.annotations.NullMarked;
