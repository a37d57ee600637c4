package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;

/**
 * Opening a public link: what a visitor learns about the shared item (the body of
 * {@code GET /api/s/{token}}). Needs read or write; a link with neither is not found.
 */
public interface OpenShareUseCase {

    /** Counts an access (atomically, against {@code maxAccesses}). */
    OpenedShare open(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, UpstreamUnavailableException;

    /**
     * What {@link #open} answers, after the same checks, without counting an access: for
     * {@code HEAD}, which is safe. A used-up link is not found here either.
     */
    OpenedShare describe(PublicAccess access)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, UpstreamUnavailableException;
}
