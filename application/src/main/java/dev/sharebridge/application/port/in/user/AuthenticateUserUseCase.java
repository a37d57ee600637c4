package dev.sharebridge.application.port.in.user;

import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.domain.user.UserId;

/** Resolves an API token to its user: sent as a bearer token, or with the user's name (HTTP Basic). */
public interface AuthenticateUserUseCase {
    UserId authenticate(String bearerToken) throws UnauthorizedException;

    /**
     * The user named {@code userName} when {@code token} is that user's API token (WebDAV clients
     * send HTTP Basic with a user name and a password, the token). A token of another user is
     * refused like a wrong one, with the same message.
     */
    default UserId authenticate(String userName, String token) throws UnauthorizedException {
        UserId user = authenticate(token);
        if (!user.value().equals(userName)) {
            throw new UnauthorizedException("missing or invalid API token");
        }
        return user;
    }
}
