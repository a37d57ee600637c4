package dev.sharebridge.application.port.in.publicshare;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.port.in.share.ShareView;

/** A visitor making a derived link from the one they hold. */
public interface ReshareUseCase {

    /**
     * Makes a derived link, never with more permissions or a later expiry than its parent. Needs
     * reshare; bad input is {@code InvalidValueException}.
     */
    ShareView reshare(PublicAccess access, ReshareCommand command)
            throws NotFoundException, PasswordRequiredException, RateLimitedException, ForbiddenException;
}
