package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.port.in.publicshare.Grant;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The grants of (token, password) pairs that were verified lately, for clients that send the
 * password with every request (WebDAV's Basic), so that only the first request of a session
 * costs a password hash. A pair is kept as an HMAC under a key made for this process, never as
 * the password, and only after it was verified; the grant it maps to is checked against the link
 * on every use ({@link Grants#isValid}), so a new or removed password, or the grant's end, ends it.
 * Bounded: the least recently used pairs go first.
 */
final class RememberedPasswords {
    static final int MAX_PAIRS = 10_000;

    private final SecretKeySpec key;
    private final Map<String, Grant> byPair = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Grant> eldest) {
            return size() > MAX_PAIRS;
        }
    };

    RememberedPasswords(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
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
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(rawToken.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing", e);
        }
    }
}
