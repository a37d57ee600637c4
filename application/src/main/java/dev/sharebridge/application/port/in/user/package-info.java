/**
 * Driving ports: users and their API tokens.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.in.user;

import org.jspecify.annotations.NullMarked;
