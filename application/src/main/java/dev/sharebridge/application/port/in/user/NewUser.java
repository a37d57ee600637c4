package dev.sharebridge.application.port.in.user;

import dev.sharebridge.domain.user.User;

/** A freshly added user and their API token, which is shown this once and never stored. */
public record NewUser(User user, String token) {
    @Override
    public String toString() {
        return "NewUser[" + user.id() + "]";
    }
}
