package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.adapter.http.javalin.internal.ClientAddress;
import java.util.List;
import java.util.Objects;

/**
 * How the HTTP API listens and presents itself: bind address and port, the public base URL that
 * links are built from, the reverse proxies whose {@code X-Forwarded-For} is believed, the
 * largest JSON body accepted, how much of the server one client may hold, and how long answers
 * to password guessing are held back.
 *
 * @param bind the address to listen on, e.g. {@code 127.0.0.1}
 * @param port the port; 0 picks a free one (see {@link HttpApi#start()})
 * @param publicUrl the base of every link handed out, without a trailing slash
 * @param trustedProxies IP addresses or CIDR blocks of trusted proxies; empty trusts none
 * @param maxJsonBytes the largest JSON request body; larger ones get 413
 * @param clientLimits how much of the server one slow or greedy client may hold
 * @param answerDelays how long wrong-password, throttled and busy answers wait
 */
public record HttpSettings(
        String bind,
        int port,
        String publicUrl,
        List<String> trustedProxies,
        int maxJsonBytes,
        ClientLimits clientLimits,
        AnswerDelays answerDelays) {
    public static final int DEFAULT_MAX_JSON_BYTES = 64 * 1024;

    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(clientLimits, "clientLimits");
        Objects.requireNonNull(answerDelays, "answerDelays");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
        if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
            throw new IllegalArgumentException("publicUrl must start with http:// or https://");
        }
        trustedProxies = List.copyOf(trustedProxies);
        ClientAddress.checkTrustedProxies(trustedProxies);
        if (maxJsonBytes < 1024) {
            throw new IllegalArgumentException("maxJsonBytes must be at least 1024");
        }
    }

    /** Settings with the default client limits and answer delays (their {@code DEFAULTS}). */
    public HttpSettings(String bind, int port, String publicUrl, List<String> trustedProxies, int maxJsonBytes) {
        this(bind, port, publicUrl, trustedProxies, maxJsonBytes, ClientLimits.DEFAULTS, AnswerDelays.DEFAULTS);
    }

    /** Settings with the default JSON body limit (64 KiB), client limits and answer delays. */
    public HttpSettings(String bind, int port, String publicUrl, List<String> trustedProxies) {
        this(bind, port, publicUrl, trustedProxies, DEFAULT_MAX_JSON_BYTES);
    }

    /** Whether links are served over TLS, so cookies must be {@code Secure}. */
    public boolean isHttps() {
        return publicUrl.startsWith("https://");
    }
}
