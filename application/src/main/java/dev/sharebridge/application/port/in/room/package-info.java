/**
 * Driving ports: meeting rooms, their shared folders and meetings.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.in.room;

import org.jspecify.annotations.NullMarked;
