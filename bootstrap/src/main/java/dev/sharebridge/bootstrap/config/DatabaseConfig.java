package dev.sharebridge.bootstrap.config;

import java.util.Objects;

/** The {@code [database]} section: a JDBC URL for H2 (embedded default) or PostgreSQL. */
public record DatabaseConfig(String url, String username, String password) {
    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** True for an H2 URL, whose embedded file the server and the CLI must be able to share. */
    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    @Override
    public String toString() {
        // The URL may carry credentials in its parameters, so neither it nor the password is shown.
        return "DatabaseConfig[" + (isH2() ? "h2" : "postgresql") + ", username=" + username + "]";
    }
}
