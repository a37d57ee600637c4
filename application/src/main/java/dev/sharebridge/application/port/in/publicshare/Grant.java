package dev.sharebridge.application.port.in.publicshare;

import java.time.Instant;

/** Proof that the caller gave a share's current password; valid until {@code expiresAt}. */
public record Grant(String value, Instant expiresAt) {
    @Override
    public String toString() {
        return "Grant[until " + expiresAt + "]";
    }
}
