/**
 * The use cases of the owner's files.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.application.service.file;

import org.jspecify.annotations.NullMarked;
