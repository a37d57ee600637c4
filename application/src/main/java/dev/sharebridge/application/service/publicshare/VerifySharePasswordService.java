package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.in.publicshare.VerifySharePasswordUseCase;
import dev.sharebridge.application.port.out.security.PasswordHasher;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePasswordPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Trading a password for a grant. Guessing is bounded twice before any hash is computed: per
 * client on one link and per link for all clients together; and only {@code hashingSlots} hashes
 * run at once, further requests being turned away rather than queued.
 */
final class VerifySharePasswordService implements VerifySharePasswordUseCase {
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    private final LinkGate gate;
    private final Grants grants;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final ShareSettings settings;
    private final Semaphore hashingSlots;
    private final SlidingWindowLimiter failuresPerClient;
    private final SlidingWindowLimiter failuresPerToken;

    VerifySharePasswordService(
            LinkGate gate, Grants grants, PasswordHasher hasher, Clock clock, ShareSettings settings) {
        this.gate = gate;
        this.grants = grants;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
        this.hashingSlots = new Semaphore(settings.hashingSlots());
        this.failuresPerClient = new SlidingWindowLimiter(
                settings.verifyFailuresPerClient(), settings.verifyWindow(), LinkGate.MAX_TRACKED_KEYS);
        this.failuresPerToken = new SlidingWindowLimiter(
                settings.verifyFailuresPerToken(), settings.verifyWindow(), LinkGate.MAX_TRACKED_KEYS);
    }

    @Override
    public Grant verify(String rawToken, String password, String client)
            throws NotFoundException, InvalidPasswordException, RateLimitedException, ServiceBusyException {
        Instant now = clock.instant();
        // A client that has used up its failures on this link is refused before anything else:
        // a flood of wrong passwords costs no database lookup and no hash. The key is the raw
        // token, which names one link just like its id does, and is known before the lookup.
        String clientKey = client + "\n" + rawToken;
        Optional<Duration> wait = failuresPerClient.blocked(clientKey, now);
        if (wait.isPresent()) {
            throw LinkGate.rateLimited(wait.get());
        }
        Link link = gate.lookup(rawToken, client, now);
        Share share = link.share();
        if (!share.hasPassword()) {
            return grants.issue(share, grantExpiry(link, now));
        }
        // throttle before hashing: an attempt is counted up front (atomically) and refunded
        // when it turns out not to be a failure
        String tokenKey = share.id().toString();
        wait = failuresPerClient.tryAcquire(clientKey, now);
        if (wait.isPresent()) {
            throw LinkGate.rateLimited(wait.get());
        }
        wait = failuresPerToken.tryAcquire(tokenKey, now);
        if (wait.isPresent()) {
            failuresPerClient.refund(clientKey);
            throw LinkGate.rateLimited(wait.get());
        }
        Optional<String> candidate = SharePasswordPolicy.verifiable(password);
        if (candidate.isEmpty()) {
            throw wrongPassword(clientKey, now);
        }
        if (!hashingSlots.tryAcquire()) {
            failuresPerClient.refund(clientKey);
            failuresPerToken.refund(tokenKey);
            // not queued; the client's failures tell the adapter how long to hold this answer, so
            // that a client that floods while every slot is busy gets it no faster than a guess's
            throw new ServiceBusyException(
                    "the server is busy; try again in a moment", BUSY_RETRY, failuresPerClient.count(clientKey, now));
        }
        boolean ok;
        try {
            ok = hasher.verify(candidate.get(), share.passwordHash().orElseThrow());
        } finally {
            hashingSlots.release();
        }
        if (!ok) {
            throw wrongPassword(clientKey, now);
        }
        failuresPerClient.reset(clientKey);
        failuresPerToken.refund(tokenKey);
        return grants.issue(share, grantExpiry(link, now));
    }

    private Instant grantExpiry(Link link, Instant now) {
        Instant expiry = now.plus(settings.grantTtl());
        if (link.expiresAt().isPresent() && link.expiresAt().get().isBefore(expiry)) {
            expiry = link.expiresAt().get();
        }
        // grants carry milliseconds: round down so a grant never outlives its share
        return Instant.ofEpochMilli(expiry.toEpochMilli());
    }

    /** With the client's failures on the link, which an adapter may answer ever more slowly. */
    private InvalidPasswordException wrongPassword(String clientKey, Instant now) {
        return new InvalidPasswordException("the password is not correct", failuresPerClient.count(clientKey, now));
    }
}
