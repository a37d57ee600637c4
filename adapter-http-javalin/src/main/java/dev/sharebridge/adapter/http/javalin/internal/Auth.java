package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.port.in.user.AuthenticateUserUseCase;
import dev.sharebridge.domain.user.UserId;
import io.javalin.http.Context;

/** Resolves {@code Authorization: Bearer <token>} on management routes; anything else is 401. */
public final class Auth {
    private final AuthenticateUserUseCase authenticate;

    public Auth(AuthenticateUserUseCase authenticate) {
        this.authenticate = authenticate;
    }

    public UserId user(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw HttpProblem.unauthorized();
        }
        String token = header.substring(7).strip();
        if (token.isEmpty()) {
            throw HttpProblem.unauthorized();
        }
        try {
            return authenticate.authenticate(token);
        } catch (UnauthorizedException e) {
            throw HttpProblem.unauthorized();
        }
    }
}
