package dev.sharebridge.application.port.in.publicshare;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is knocking on a public link: the raw token from the URL (not yet validated), the grant
 * the caller presents (cookie or {@code X-Share-Grant}), and the client's identity for throttling
 * (the peer address, or the forwarded one behind a trusted proxy; IPv6 grouped by /64).
 */
public record PublicAccess(String rawToken, Optional<String> grant, String client) {
    public PublicAccess {
        Objects.requireNonNull(rawToken, "rawToken");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "PublicAccess[" + client + "]";
    }
}
