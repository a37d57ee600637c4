package dev.sharebridge.bootstrap.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code [server]} section: where HTTP listens, the public base of every link handed out,
 * and the directory that holds the embedded database, local files and the key file.
 *
 * @param publicUrl absolute http(s) URL without a trailing slash
 */
public record ServerConfig(String bind, int port, String publicUrl, Path dataDir) {
    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(dataDir, "dataDir");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
    }

    /** {@code bind} as it must be written inside a URL: IPv6 literals get brackets. */
    public String urlHost() {
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
