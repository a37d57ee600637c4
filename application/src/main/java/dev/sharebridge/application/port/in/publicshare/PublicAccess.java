package dev.sharebridge.application.port.in.publicshare;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is knocking on a public link: the raw token from the URL (not yet validated), the grant
 * the caller presents (cookie or {@code X-Share-Grant}), the visit it presents (a {@link Visit}'s
 * value, as the link's open handed it out: cookie or {@code X-Share-Visit}; not yet validated),
 * and the client's identity for throttling (the peer address, or the forwarded one behind a
 * trusted proxy; IPv6 grouped by /64).
 */
public record PublicAccess(String rawToken, Optional<String> grant, Optional<String> visit, String client) {
    public PublicAccess {
        Objects.requireNonNull(rawToken, "rawToken");
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(visit, "visit");
        Objects.requireNonNull(client, "client");
    }

    /** Without a visit: every counted operation counts. */
    public PublicAccess(String rawToken, Optional<String> grant, String client) {
        this(rawToken, grant, Optional.empty(), client);
    }

    @Override
    public String toString() {
        return "PublicAccess[" + client + "]";
    }
}
