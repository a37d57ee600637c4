package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.domain.share.Share;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Stateless grants: {@code nonce.expiryEpochMillis.keyId.mac}, where the MAC covers the share's id,
 * the nonce, the expiry and the share's current password hash. Binding to the id means a grant
 * opens one share only; binding to the hash means a new or removed password kills it, with nothing
 * to store or revoke. The nonce is always ours, so a client can never choose its grant.
 *
 * <p>The key id names the key of the {@link SecretBox} that made the MAC: after the server key is
 * replaced, a grant made with the old one keeps working for as long as the old key is kept as a
 * previous key, and ends when it is dropped. Grants made before key ids ({@code nonce.expiry.mac},
 * at most one grant lifetime old) are checked with every key of the ring.
 */
final class Grants {
    static final int NONCE_BYTES = 16;
    private static final int NONCE_LENGTH = 22;
    private static final int MAX_GRANT_LENGTH = 256;
    private static final int MAX_KEY_ID_LENGTH = 16;

    private final SecretBox secrets;
    private final SecureRandom random;

    Grants(SecretBox secrets, SecureRandom random) {
        this.secrets = secrets;
        this.random = random;
    }

    Grant issue(Share share, Instant expiresAt) {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long expiry = expiresAt.toEpochMilli();
        String mac = secrets.mac(signed(share, nonce, expiry));
        return new Grant(nonce + "." + expiry + "." + secrets.keyId() + "." + mac, Instant.ofEpochMilli(expiry));
    }

    /** Whether {@code grant} was issued for this share under its current password and is still alive at {@code now}. */
    boolean isValid(Optional<String> grant, Share share, Instant now) {
        if (grant.isEmpty() || grant.get().length() > MAX_GRANT_LENGTH) {
            return false;
        }
        String[] parts = grant.get().split("\\.", -1);
        if ((parts.length != 3 && parts.length != 4)
                || parts[0].length() != NONCE_LENGTH
                || !isBase64Url(parts[0])
                || parts[1].isEmpty()
                || parts[1].length() > 18
                || !parts[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        long expiry = Long.parseLong(parts[1]);
        if (!now.isBefore(Instant.ofEpochMilli(expiry))) {
            return false;
        }
        String data = signed(share, parts[0], expiry);
        if (parts.length == 3) {
            // made before key ids: by whichever key of the ring made it
            return secrets.keyIds().stream().anyMatch(keyId -> matches(keyId, data, parts[2]));
        }
        return parts[2].length() <= MAX_KEY_ID_LENGTH && isBase64Url(parts[2]) && matches(parts[2], data, parts[3]);
    }

    private boolean matches(String keyId, String data, String mac) {
        return secrets.mac(keyId, data)
                .map(expected -> MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), mac.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private static String signed(Share share, String nonce, long expiry) {
        return share.id() + "|" + nonce + "|" + expiry + "|"
                + share.passwordHash().orElse("");
    }

    private static boolean isBase64Url(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
