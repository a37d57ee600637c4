package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Opening a public link: what a visitor learns about the shared item (the body of
 * {@code GET /api/s/{token}}). Needs read or write; a link with neither is not found.
 */
public interface OpenShareUseCase {

    /**
     * Counts an access (atomically, against {@code maxAccesses}) and answers with the {@link Visit}
     * it stands for; with a live visit of the link, counts nothing and answers with that visit.
     */
    OpenedShare open(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, UpstreamUnavailableException;

    /**
     * {@link #open} without holding the caller's thread while the access is counted (the counts
     * are committed in batches, see {@code application.counting}): the checks run at once and
     * throw as {@link #open} does; the stage completes with the answer once the access is
     * committed, or fails with {@link NotFoundException} when the link was used up meanwhile (or
     * with the exception of a database that failed). By default {@link #open}, already complete.
     */
    default CompletionStage<OpenedShare> openLater(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, UpstreamUnavailableException {
        return CompletableFuture.completedFuture(open(access));
    }

    /**
     * What {@link #open} answers, after the same checks, without counting an access: for
     * {@code HEAD}, which is safe. A used-up link is not found here either.
     */
    OpenedShare describe(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, UpstreamUnavailableException;
}
