package dev.sharebridge.bootstrap.config;

import java.util.Objects;
import java.util.regex.Pattern;

/** The {@code [database]} section: a JDBC URL for H2 (embedded default) or PostgreSQL. */
public record DatabaseConfig(String url, String username, String password) {
    private static final Pattern USER_INFO = Pattern.compile("^(jdbc:[a-z0-9]+://)[^/@?#]*@", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?<=[?&;])[^=&;]*(?:user|password|passwd|pwd|secret|key|token|cert|pass)[^=&;]*=[^&;]*[&;]?",
            Pattern.CASE_INSENSITIVE);

    public DatabaseConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** True for an H2 URL, whose embedded file the server and the CLI must be able to share. */
    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * The URL as it may be logged: without a {@code user:password@} part and without the
     * parameters that carry credentials or keys ({@code password=}, {@code user=},
     * {@code sslkey=}…, in a PostgreSQL query or an H2 {@code ;KEY=value} list).
     */
    public String urlWithoutCredentials() {
        String shown = USER_INFO.matcher(url).replaceFirst("$1");
        shown = SECRET_PARAMETER.matcher(shown).replaceAll("");
        // a query whose parameters all went: no dangling separator
        return shown.replaceAll("[?&;]+$", "").replace("?&", "?");
    }

    @Override
    public String toString() {
        // The URL may carry credentials in its parameters, so neither it nor the password is shown.
        return "DatabaseConfig[" + (isH2() ? "h2" : "postgresql") + ", username=" + username + "]";
    }
}
