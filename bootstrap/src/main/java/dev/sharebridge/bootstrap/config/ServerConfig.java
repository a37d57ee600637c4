package dev.sharebridge.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code [server]} section: where HTTP listens, the public base of every link handed out,
 * the directory that holds the embedded database, local files and the key file, and how much of
 * the server one slow or greedy client may hold.
 *
 * @param publicUrl absolute http(s) URL without a trailing slash
 * @param idleTimeout {@code idle_timeout_s}
 * @param bodyTimeout {@code body_timeout_s}
 * @param minBodyBytesPerSecond {@code min_body_bytes_per_s}
 * @param maxRequestsPerClient {@code max_requests_per_client}
 * @param maxBodyRequests {@code max_body_requests}; 0 = chosen by the thread model
 */
public record ServerConfig(
        String bind,
        int port,
        String publicUrl,
        Path dataDir,
        Duration idleTimeout,
        Duration bodyTimeout,
        int minBodyBytesPerSecond,
        int maxRequestsPerClient,
        int maxBodyRequests) {
    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(bodyTimeout, "bodyTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /** The section with the default limits on clients. */
    public ServerConfig(String bind, int port, String publicUrl, Path dataDir) {
        this(
                bind,
                port,
                publicUrl,
                dataDir,
                Duration.ofSeconds(ConfigBinder.DEFAULT_IDLE_TIMEOUT_S),
                Duration.ofSeconds(ConfigBinder.DEFAULT_BODY_TIMEOUT_S),
                ConfigBinder.DEFAULT_MIN_BODY_BYTES_PER_S,
                ConfigBinder.DEFAULT_MAX_REQUESTS_PER_CLIENT,
                0);
    }

    /** {@code bind} as it must be written inside a URL: IPv6 literals get brackets. */
    public String urlHost() {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
