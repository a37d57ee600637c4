package dev.sharebridge.application.port.in.publicshare;

import java.time.Instant;
import java.util.Objects;

/**
 * The one counted access of a visitor who opened a link: a signed stamp that the open hands out
 * and that the visitor's downloads, zips and other requests on that link carry until
 * {@code expiresAt}, so that they count nothing more (docs/reference.md §6). Bound to the link
 * and its password; checked by any instance with the server key.
 */
public record Visit(String value, Instant expiresAt) {
    public Visit {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "Visit[until " + expiresAt + "]";
    }
}
