package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.port.in.publicshare.Visit;
import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.domain.share.Share;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stateless visits ({@link Visit}): {@link LinkStamps} of their own purpose, so that a grant is
 * never a visit nor a visit a grant, bound to the link's id and its current password hash, so a
 * visit is good on one link only and a new or removed password ends it at once. Nothing is
 * stored: every instance with the server key checks a visit any instance handed out.
 */
final class Visits {
    private final LinkStamps stamps;
    private final Duration ttl;

    Visits(SecretBox secrets, SecureRandom random, Duration ttl) {
        this.stamps = new LinkStamps(secrets, random, "visit|", false);
        this.ttl = ttl;
    }

    /** A new visit of {@code share} from {@code now}, never past {@code linkExpiry}. */
    Visit issue(Share share, Optional<Instant> linkExpiry, Instant now) {
        Instant expiry = now.plus(ttl);
        if (linkExpiry.isPresent() && linkExpiry.get().isBefore(expiry)) {
            expiry = linkExpiry.get();
        }
        // stamps carry milliseconds: round down so a visit never outlives its link
        expiry = Instant.ofEpochMilli(expiry.toEpochMilli());
        return new Visit(stamps.issue(share, expiry), expiry);
    }

    /** The visit {@code presented}, when it is one of this share under its current password, alive at {@code now}. */
    Optional<Visit> valid(Optional<String> presented, Share share, Instant now) {
        return stamps.check(presented, share, now).map(expiry -> new Visit(presented.orElseThrow(), expiry));
    }
}
