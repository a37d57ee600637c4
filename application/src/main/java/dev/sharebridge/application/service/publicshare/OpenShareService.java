package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.publicshare.OpenShareUseCase;
import dev.sharebridge.application.port.in.publicshare.OpenedShare;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.Share;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Opening a link: the shared item as the visitor sees it, and the {@link
 * dev.sharebridge.application.port.in.publicshare.Visit} the counted open stands for. An open
 * with a live visit of the link counts nothing and hands the same visit back (not a longer one).
 */
final class OpenShareService implements OpenShareUseCase {
    private final LinkGate gate;
    private final Clock clock;

    OpenShareService(LinkGate gate, Clock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    @Override
    public OpenedShare open(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, UpstreamUnavailableException {
        Instant now = clock.instant();
        Link link = gate.enter(access, now);
        OpenedShare opened = opened(link, access, now);
        gate.count(link, access.client(), now);
        return opened.withVisit(gate.visit(link, now));
    }

    /** Checks at once; counts in the batch that is being gathered, completing when it is committed. */
    @Override
    public CompletionStage<OpenedShare> openLater(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, UpstreamUnavailableException {
        Instant now = clock.instant();
        Link link = gate.enter(access, now);
        OpenedShare opened = opened(link, access, now);
        return gate.countLater(link, access.client(), now)
                .thenApply(counted -> opened.withVisit(gate.visit(link, now)));
    }

    @Override
    public OpenedShare describe(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, UpstreamUnavailableException {
        Instant now = clock.instant();
        return opened(gate.enter(access, now), access, now);
    }

    private OpenedShare opened(Link link, PublicAccess access, Instant now)
            throws NotFoundException, RateLimitedException, UpstreamUnavailableException {
        Optional<StoredItem> found = LinkGate.stat(link, ItemPath.root());
        if (found.isEmpty() || found.get().type() != link.share().itemType()) {
            // the shared item is gone: for the visitor the link is as dead as an expired one
            throw gate.notFound(access.client(), now);
        }
        StoredItem item = found.get();
        Share s = link.share();
        return new OpenedShare(
                link.displayName(),
                item.type(),
                item.isFolder() ? 0 : item.size(),
                s.hasPassword(),
                link.expiresAt(),
                link.permissions(),
                s.label());
    }
}
