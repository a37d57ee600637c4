/**
 * Driving ports: what a visitor does with a public link (docs/reference.md §6, the public routes),
 * one port per use case.
 *
 * <p>Every operation checks, by itself, the token's form and existence, expiry,
 * {@code maxAccesses}, the grant when the share has a password, and the permission it needs. An
 * unknown, expired or used-up link is {@code NotFoundException} with one fixed message; a client
 * that collected too many of those is {@code RateLimitedException} on every route; a missing grant
 * is {@code PasswordRequiredException}; a missing permission {@code ForbiddenException}. Subpaths
 * are relative to the shared item and can never leave it.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.in.publicshare;

import org.jspecify.annotations.NullMarked;
