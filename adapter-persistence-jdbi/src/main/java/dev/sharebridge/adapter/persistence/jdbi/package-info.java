/**
 * The repositories on Jdbi, for H2 and PostgreSQL, with their migrations.
 *
 * <p>Null-marked: no type in this package is nullable unless it says so with {@code @Nullable}.
 */
@NullMarked
package dev.sharebridge.adapter.persistence.jdbi;

import org.jspecify.annotations.NullMarked;
