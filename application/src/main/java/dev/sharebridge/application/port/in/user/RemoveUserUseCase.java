package dev.sharebridge.application.port.in.user;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.domain.user.UserId;

/** Removes a user, their share links and their files. */
public interface RemoveUserUseCase {
    void remove(UserId id) throws NotFoundException, UpstreamUnavailableException;
}
