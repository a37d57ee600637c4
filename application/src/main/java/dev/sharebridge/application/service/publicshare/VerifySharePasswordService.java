package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.in.publicshare.VerifySharePasswordUseCase;
import dev.sharebridge.application.port.out.limits.FailureBudget;
import dev.sharebridge.application.port.out.limits.FailureBudget.Take;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
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
 *
 * <p>Both budgets are {@link FailureBudgets}, shared by every instance on one database when they
 * are. An attempt is taken from both before the hash (atomically, so concurrent guesses on any
 * number of instances never get more than the limit through) and given back when it was no
 * failure. So a shared budget costs a verify with a password a few short writes; they are next
 * to a password hash, which costs far more, and an open never touches them.
 */
final class VerifySharePasswordService implements VerifySharePasswordUseCase {
    static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    /** The names of the two budgets among the {@link FailureBudgets}. */
    static final String PER_CLIENT_BUDGET = "verify_per_client_link";

    static final String PER_LINK_BUDGET = "verify_per_link";

    private final LinkGate gate;
    private final Grants grants;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final ShareSettings settings;
    private final Semaphore hashingSlots;
    private final FailureBudget failuresPerClient;
    private final FailureBudget failuresPerToken;
    private final RememberedPasswords remembered;

    VerifySharePasswordService(
            LinkGate gate,
            Grants grants,
            PasswordHasher hasher,
            Clock clock,
            ShareSettings settings,
            FailureBudgets budgets,
            RememberedPasswords remembered) {
        this.gate = gate;
        this.remembered = remembered;
        this.grants = grants;
        this.hasher = hasher;
        this.clock = clock;
        this.settings = settings;
        this.hashingSlots = new Semaphore(settings.hashingSlots());
        this.failuresPerClient =
                budgets.budget(PER_CLIENT_BUDGET, settings.verifyFailuresPerClient(), settings.verifyWindow());
        this.failuresPerToken =
                budgets.budget(PER_LINK_BUDGET, settings.verifyFailuresPerToken(), settings.verifyWindow());
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
        Take taken = failuresPerClient.take(clientKey, now);
        if (taken instanceof Take.Refused refused) {
            throw LinkGate.rateLimited(refused.retryAfter());
        }
        int attempts = ((Take.Taken) taken).total();
        if (failuresPerToken.take(tokenKey, now) instanceof Take.Refused refused) {
            failuresPerClient.giveBack(clientKey);
            throw LinkGate.rateLimited(refused.retryAfter());
        }
        Optional<String> candidate = SharePasswordPolicy.verifiable(password);
        if (candidate.isEmpty()) {
            throw wrongPassword(attempts);
        }
        if (!hashingSlots.tryAcquire()) {
            failuresPerClient.giveBack(clientKey);
            failuresPerToken.giveBack(tokenKey);
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
            throw wrongPassword(attempts);
        }
        failuresPerClient.reset(clientKey);
        failuresPerToken.giveBack(tokenKey);
        return grants.issue(share, grantExpiry(link, now));
    }

    /**
     * A remembered pair costs the client's block check, the link's lookup (as every public request
     * does) and a MAC, no hash and no take from the budgets; anything else goes through {@link #verify}, and is remembered when it passes.
     */
    @Override
    public Grant verifyRemembered(String rawToken, String password, String client)
            throws NotFoundException, InvalidPasswordException, RateLimitedException, ServiceBusyException {
        Optional<Grant> known = remembered.get(rawToken, password);
        if (known.isPresent()) {
            Instant now = clock.instant();
            // a client that used up its failures on the link is refused here too, as verify does
            Optional<Duration> wait = failuresPerClient.blocked(client + "\n" + rawToken, now);
            if (wait.isPresent()) {
                throw LinkGate.rateLimited(wait.get());
            }
            Link link = gate.lookup(rawToken, client, now);
            if (grants.isValid(Optional.of(known.get().value()), link.share(), now)) {
                return known.get();
            }
            remembered.forget(rawToken, password);
        }
        Grant grant = verify(rawToken, password, client);
        remembered.put(rawToken, password, grant);
        return grant;
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
    private static InvalidPasswordException wrongPassword(int failures) {
        return new InvalidPasswordException("the password is not correct", failures);
    }
}
