package dev.sharebridge.adapter.nextcloud;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * Where and as whom the NextCloud adapter works: validated once, so every request can trust it.
 *
 * <p>{@code baseUrl} is the address NextCloud is served at, with or without a trailing slash and
 * possibly with a sub-path ({@code https://host/nextcloud/}); it is kept with a trailing slash.
 * {@code http://} is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost) because the
 * password travels in every request. {@code directory} is the folder inside the user's files that
 * is the provider's root ({@code ""} = the user's home), kept without leading or trailing slash.
 * {@code callTimeout} is the deadline of one metadata operation (PROPFIND, MKCOL, DELETE, OCS);
 * content transfers are bounded by the connect and read timeouts instead, so big files still work.
 * {@link #toString()} never shows the password.
 */
public record NextcloudSettings(
        String baseUrl,
        String username,
        String password,
        String directory,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    public NextcloudSettings {
        baseUrl = checkBaseUrl(baseUrl);
        if (username == null || username.isBlank()) {
            throw new InvalidValueException("username", "the NextCloud username must not be empty");
        }
        if (username.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
            throw new InvalidValueException(
                    "username", "the NextCloud username must not contain '/', '\\' or control characters");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidValueException("password", "the NextCloud password (app password) must not be empty");
        }
        directory = checkDirectory(directory);
        connectTimeout = positive("connect_timeout", connectTimeout);
        readTimeout = positive("read_timeout", readTimeout);
        callTimeout = positive("call_timeout", callTimeout);
    }

    /** Settings with the default timeouts (connect 10 s, read 30 s, 60 s per operation). */
    public static NextcloudSettings of(String url, String username, String password, String directory) {
        return new NextcloudSettings(
                url,
                username,
                password,
                directory,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT,
                DEFAULT_CALL_TIMEOUT);
    }

    /** A copy with other timeouts. */
    public NextcloudSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return new NextcloudSettings(baseUrl, username, password, directory, connect, read, call);
    }

    /** The configured directory as a path ({@code /} for the user's home). */
    public ItemPath directoryPath() {
        return ItemPath.parse(directory);
    }

    HttpUrl base() {
        return HttpUrl.get(baseUrl);
    }

    @Override
    public String toString() {
        return "NextcloudSettings[baseUrl=" + baseUrl + ", username=" + username + ", password=***, directory="
                + directory + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", callTimeout=" + callTimeout + "]";
    }

    private static String checkBaseUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException("url", "the NextCloud url must not be empty");
        }
        HttpUrl url = HttpUrl.parse(raw.strip());
        if (url == null) {
            throw new InvalidValueException("url", "the NextCloud url is not an http(s) URL");
        }
        if (!url.username().isEmpty() || !url.password().isEmpty()) {
            // Credentials in the URL would end up in logs and messages; they belong in username/password.
            throw new InvalidValueException(
                    "url", "the NextCloud url must not contain credentials; use username and password");
        }
        if (url.query() != null || url.fragment() != null) {
            throw new InvalidValueException("url", "the NextCloud url must not have a query or fragment");
        }
        if (url.scheme().equals("http") && !isLoopback(url.host())) {
            throw new InvalidValueException(
                    "url",
                    "the NextCloud url must use https:// (http:// is allowed only for 127.0.0.0/8, ::1 and localhost)");
        }
        String path = url.encodedPath();
        if (!path.endsWith("/")) {
            url = url.newBuilder().encodedPath(path + "/").build();
        }
        return url.toString();
    }

    /** Loopback by name or literal only; no DNS lookup, so a hostile resolver cannot widen it. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("::1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return parts[0].equals("127");
    }

    private static String checkDirectory(String raw) {
        String d = raw == null ? "" : raw.strip();
        try {
            ItemPath path = ItemPath.parse(d);
            return String.join("/", path.segments());
        } catch (InvalidValueException e) {
            throw new InvalidValueException(
                    "directory", "the NextCloud directory is not a valid path: " + e.getMessage());
        }
    }

    private static Duration positive(String field, Duration d) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidValueException(field, field + " must be positive");
        }
        return d;
    }
}
