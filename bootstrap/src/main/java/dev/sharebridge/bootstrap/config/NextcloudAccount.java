package dev.sharebridge.bootstrap.config;

import java.net.URI;
import java.util.Objects;

/**
 * How to reach one NextCloud server: its base URL (https, or http on a loopback host; always
 * ending in {@code /}) and the account to log in with (an app password is recommended).
 */
public record NextcloudAccount(URI url, String username, String password) {
    public NextcloudAccount {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "NextcloudAccount[url=" + url + ", username=" + username + "]";
    }
}
