/**
 * The security adapters: bcrypt, zxcvbn, AES-GCM, the server key.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.bootstrap.security;

import org.jspecify.annotations.NullMarked;
