package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.Visit;
import dev.sharebridge.application.port.out.limits.FailureBudget;
import dev.sharebridge.application.port.out.limits.FailureBudgets;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.service.file.StorageFailures;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.StorageException;
import dev.sharebridge.domain.storage.StorageProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The checks every public route runs, in this order: the client's not-found budget, the token's
 * form (before any lookup), that the link and every link it was reshared from exist and have not
 * expired, {@code maxAccesses} (unless the request carries a live visit of the link), the grant
 * when the link has a password; then each service asks for the permission its operation needs. One instance serves every public use case, so the
 * not-found budget is one budget across all public routes.
 *
 * <p>Unknown, expired and used-up links all get {@link #NOT_FOUND}, one fixed message. A client
 * that has collected {@code notFoundPerClient} of them in the window is turned away with
 * {@link RateLimitedException} on every public route until the window has passed (also for links
 * that exist, so that answer carries no information about a token either). The budget is one of
 * the {@link FailureBudgets}: shared by every instance on one database when they are, each
 * not-found written once; the check in front of every route asks only what this instance has
 * learnt, so it writes and reads nothing, and a client that used its budget through another
 * instance is turned away here at its next not-found at the latest.
 *
 * <p>A reshared link works only while all its ancestors work, and never with more permissions or
 * a later expiry than any of them: the link's {@link LinkChain} is read on every request, so
 * shrinking a parent shrinks its children at once, and an expired, used-up or deleted ancestor
 * ends every link below it on every route. A counted access through a link counts against each
 * link of its chain, so a parent's {@code maxAccesses} bounds the accesses through all its
 * sub-links together.
 *
 * <p>A counted open hands out a {@link Visit} ({@link #visit}); what the visitor does with it on
 * that link until it ends counts nothing more ({@link #count} is a no-op for it), and the limit
 * its own open reached does not turn it away. Everything else is checked as always: a deleted,
 * expired or re-passworded link ends its visits at once.
 */
final class LinkGate {
    /** The one answer for a link that does not exist, was deleted, has expired or is used up. */
    static final String NOT_FOUND = "this link does not exist or has expired";
    /** The name of the not-found budget among the {@link FailureBudgets}. */
    static final String NOT_FOUND_BUDGET = "not_found_per_client";

    private final ShareRepository shares;
    private final StorageProvider files;
    private final StorageProvider roomFiles;
    private final Grants grants;
    private final Visits visits;
    private final FailureBudget notFoundPerClient;

    LinkGate(
            ShareRepository shares,
            StorageProvider files,
            StorageProvider roomFiles,
            Grants grants,
            Visits visits,
            ShareSettings settings,
            FailureBudgets budgets) {
        this.shares = shares;
        this.files = files;
        this.roomFiles = roomFiles;
        this.grants = grants;
        this.visits = visits;
        this.notFoundPerClient =
                budgets.budget(NOT_FOUND_BUDGET, settings.notFoundPerClient(), settings.notFoundWindow());
    }

    /** Token, link, ancestors, grant: everything but the operation's own permission. */
    Link enter(PublicAccess access, Instant now)
            throws NotFoundException, PasswordRequiredException, RateLimitedException {
        Link link = lookup(access.rawToken(), access.visit(), access.client(), now);
        if (link.share().hasPassword() && !grants.isValid(access.grant(), link.share(), now)) {
            throw new PasswordRequiredException("this link is protected by a password");
        }
        return link;
    }

    /** Token, link and ancestors, without the grant (for the route that hands grants out). */
    Link lookup(String rawToken, String client, Instant now) throws NotFoundException, RateLimitedException {
        return lookup(rawToken, Optional.empty(), client, now);
    }

    private Link lookup(String rawToken, Optional<String> presentedVisit, String client, Instant now)
            throws NotFoundException, RateLimitedException {
        Optional<Duration> wait = notFoundPerClient.blocked(client, now);
        if (wait.isPresent()) {
            throw rateLimited(wait.get());
        }
        // a malformed token never reaches the repository, and looks exactly like an unknown one
        Optional<ShareToken> token = ShareToken.parse(rawToken);
        if (token.isEmpty()) {
            throw notFound(client, now);
        }
        Optional<Share> found = shares.findByToken(token.get());
        if (found.isEmpty()) {
            throw notFound(client, now);
        }
        Share share = found.get();
        List<Share> links = new ArrayList<>();
        links.add(share);
        links.addAll(shares.findAncestors(share));
        if (links.get(links.size() - 1).parentId().isPresent()) {
            // an ancestor was deleted meanwhile (or the chain is longer than any reshare makes)
            throw notFound(client, now);
        }
        LinkChain chain = LinkChain.of(links);
        if (!chain.isAlive(now)) {
            throw notFound(client, now);
        }
        // a visit's own open may have used the link up: the visit goes on, nothing else starts
        Optional<Visit> visit = presentedVisit.isEmpty() ? Optional.empty() : visits.valid(presentedVisit, share, now);
        if (visit.isEmpty() && chain.isUsedUp()) {
            throw notFound(client, now);
        }
        SharePermissions permissions = chain.permissions();
        if (!permissions.read() && !permissions.write()) {
            throw notFound(client, now);
        }
        StorageProvider storage = share.isRoomLink() ? roomFiles : files;
        ItemPath root =
                share.isRoomLink() ? share.itemPath() : UserSpaces.toStorage(share.createdBy(), share.itemPath());
        return new Link(chain, permissions, chain.expiresAt(), storage, root, visit);
    }

    /**
     * The visit a counted open of {@code link} stands for: the one the request carries (its open
     * counted), else a new one, to be handed out once this open is counted.
     */
    Visit visit(Link link, Instant now) {
        return link.visit().orElseGet(() -> visits.issue(link.share(), link.expiresAt(), now));
    }

    /**
     * Counts an access against every link of the chain; a used-up link is not found. Nothing
     * for a request with a live visit: the visit's open counted it.
     */
    void count(Link link, String client, Instant now) throws NotFoundException, RateLimitedException {
        if (link.visit().isPresent()) {
            return;
        }
        if (!shares.recordAccess(link.chain(), now)) {
            throw notFound(client, now);
        }
    }

    /**
     * {@link #count} without waiting on the caller's thread: completes once the access is
     * committed, or fails with {@link NotFoundException} (wrapped in a
     * {@link CompletionException}) when the link was used up — or {@link RateLimitedException}
     * when the client's not-found budget is used up meanwhile — or with the repository's
     * exception.
     */
    CompletionStage<Void> countLater(Link link, String client, Instant now) {
        if (link.visit().isPresent()) {
            return CompletableFuture.completedFuture(null);
        }
        return shares.recordAccessLater(link.chain(), now).thenAccept(granted -> {
            if (!granted) {
                try {
                    throw new CompletionException(notFound(client, now));
                } catch (RateLimitedException e) {
                    throw new CompletionException(e);
                }
            }
        });
    }

    /**
     * The one not-found answer, charged to the client's budget; a client that has used its budget
     * meanwhile (through another instance, which this one had not learnt yet) is turned away
     * instead.
     */
    NotFoundException notFound(String client, Instant now) throws RateLimitedException {
        if (notFoundPerClient.take(client, now) instanceof FailureBudget.Take.Refused refused) {
            throw rateLimited(refused.retryAfter());
        }
        return new NotFoundException(NOT_FOUND);
    }

    static RateLimitedException rateLimited(Duration wait) {
        return new RateLimitedException("too many attempts; try again later", wait);
    }

    static void requireRead(Link link) throws ForbiddenException {
        if (!link.permissions().read()) {
            throw new ForbiddenException("this link only accepts uploads");
        }
    }

    static void requireReadWrite(Link link) throws ForbiddenException {
        if (!link.permissions().read() || !link.permissions().write()) {
            throw new ForbiddenException("this link does not allow changing its content");
        }
    }

    /** The item at {@code subpath}, if any; below a shared file there is none. */
    static Optional<StoredItem> stat(Link link, ItemPath subpath)
            throws NotFoundException, UpstreamUnavailableException {
        if (link.share().itemType() == ItemType.FILE && !subpath.isRoot()) {
            return Optional.empty();
        }
        try {
            return link.storage().stat(link.target(subpath));
        } catch (StorageException e) {
            throw StorageFailures.ofRead(e, subpath);
        }
    }
}
