package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.domain.share.Share;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/**
 * Stateless grants, proof of a link's password: {@link LinkStamps} ({@code
 * nonce.expiryEpochMillis.keyId.mac}) bound to the link's id and its current password hash, so a
 * grant opens one share only and a new or removed password kills it. Grants made before key ids
 * ({@code nonce.expiry.mac}, at most one grant lifetime old) are checked with every key of the
 * ring.
 */
final class Grants {
    private final LinkStamps stamps;

    Grants(SecretBox secrets, SecureRandom random) {
        // grants sign no purpose: they keep the form they had before visits
        this.stamps = new LinkStamps(secrets, random, "", true);
    }

    Grant issue(Share share, Instant expiresAt) {
        return new Grant(stamps.issue(share, expiresAt), Instant.ofEpochMilli(expiresAt.toEpochMilli()));
    }

    /** Whether {@code grant} was issued for this share under its current password and is still alive at {@code now}. */
    boolean isValid(Optional<String> grant, Share share, Instant now) {
        return stamps.check(grant, share, now).isPresent();
    }
}
