/** The server's own metrics beside the adapters': the JVM and process series. */
@NullMarked
package dev.sharebridge.bootstrap.metrics;

import org.jspecify.annotations.NullMarked;
