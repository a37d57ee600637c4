/**
 * Driven ports: password hashing, password strength, sealed secrets.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.port.out.security;

import org.jspecify.annotations.NullMarked;
