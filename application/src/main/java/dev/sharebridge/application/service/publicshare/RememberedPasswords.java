package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.port.in.publicshare.Grant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The grants of (token, password) pairs that were verified lately, for clients that send the
 * password with every request (WebDAV's Basic), so that only the first request of a session
 * costs a password hash. A pair is kept as a SHA-256 digest keyed by a random secret made for
 * this process (the secret first, so nobody without it can test guesses against a digest), never
 * as the password, and only after it was verified; the grant it maps to is checked against the link
 * on every use ({@link Grants#isValid}), so a new or removed password, or the grant's end, ends it.
 * Bounded: the least recently used pairs go first.
 */
final class RememberedPasswords {
    static final int MAX_PAIRS = 10_000;

    private final byte[] secret;
    private final Map<String, Grant> byPair = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Grant> eldest) {
            return size() > MAX_PAIRS;
        }
    };

    RememberedPasswords(SecureRandom random) {
        this.secret = new byte[32];
        random.nextBytes(secret);
    }

    synchronized Optional<Grant> get(String rawToken, String password) {
        return Optional.ofNullable(byPair.get(pair(rawToken, password)));
    }

    synchronized void put(String rawToken, String password, Grant grant) {
        byPair.put(pair(rawToken, password), grant);
    }

    synchronized void forget(String rawToken, String password) {
        byPair.remove(pair(rawToken, password));
    }

    private String pair(String rawToken, String password) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(secret);
            byte[] token = rawToken.getBytes(StandardCharsets.UTF_8);
            // lengths first, so that no two (token, password) pairs digest the same bytes
            digest.update(Integer.toString(token.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(token);
            digest.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
