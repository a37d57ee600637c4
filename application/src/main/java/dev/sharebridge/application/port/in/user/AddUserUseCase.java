package dev.sharebridge.application.port.in.user;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.domain.user.UserId;

/** Adds a user with a new random API token (256 bits); only the token's digest is stored. */
public interface AddUserUseCase {
    NewUser add(UserId id) throws ConflictException;
}
