package dev.sharebridge.application.port.in.user;

import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.domain.user.UserId;

/** Resolves a bearer API token to its user. */
public interface AuthenticateUserUseCase {
    UserId authenticate(String bearerToken) throws UnauthorizedException;
}
