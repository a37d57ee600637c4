package dev.sharebridge.application.service.publicshare;

import dev.sharebridge.application.port.out.security.SecretBox;
import dev.sharebridge.domain.share.Share;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Stateless, signed stamps of one link: {@code nonce.expiryEpochMillis.keyId.mac}, where the MAC
 * (with the server key, {@link SecretBox}) covers the stamp's purpose, the link's id, the nonce,
 * the expiry and the link's current password hash. Binding to the id means a stamp is good for
 * one link only; binding to the hash means a new or removed password kills it, with nothing to
 * store or revoke; the purpose keeps one kind of stamp (a grant) from being taken for another (a
 * visit). The nonce is always ours, so a client can never choose its stamp. Any instance that
 * holds the key checks a stamp of any other.
 *
 * <p>The key id names the key of the {@link SecretBox} that made the MAC: after the server key is
 * replaced, a stamp made with the old one keeps working for as long as the old key is kept as a
 * previous key, and ends when it is dropped. Where {@code legacy} is allowed, stamps made before
 * key ids ({@code nonce.expiry.mac}) are checked with every key of the ring.
 */
final class LinkStamps {
    static final int NONCE_BYTES = 16;
    private static final int NONCE_LENGTH = 22;
    private static final int MAX_LENGTH = 256;
    private static final int MAX_KEY_ID_LENGTH = 16;

    private final SecretBox secrets;
    private final SecureRandom random;
    /** Put in front of what is signed: empty for grants (as they always were), else ending in '|'. */
    private final String purpose;

    private final boolean legacy;

    LinkStamps(SecretBox secrets, SecureRandom random, String purpose, boolean legacy) {
        this.secrets = secrets;
        this.random = random;
        this.purpose = purpose;
        this.legacy = legacy;
    }

    /** A new stamp for {@code share}, alive until {@code expiresAt} (cut to milliseconds). */
    String issue(Share share, Instant expiresAt) {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long expiry = expiresAt.toEpochMilli();
        String mac = secrets.mac(signed(share, nonce, expiry));
        return nonce + "." + expiry + "." + secrets.keyId() + "." + mac;
    }

    /** The expiry of the stamp when it was issued for this share under its current password and is alive at {@code now}. */
    Optional<Instant> check(Optional<String> stamp, Share share, Instant now) {
        if (stamp.isEmpty() || stamp.get().length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = stamp.get().split("\\.", -1);
        if ((parts.length != 4 && !(legacy && parts.length == 3))
                || parts[0].length() != NONCE_LENGTH
                || !isBase64Url(parts[0])
                || parts[1].isEmpty()
                || parts[1].length() > 18
                || !parts[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        Instant expiry = Instant.ofEpochMilli(Long.parseLong(parts[1]));
        if (!now.isBefore(expiry)) {
            return Optional.empty();
        }
        String data = signed(share, parts[0], expiry.toEpochMilli());
        boolean valid;
        if (parts.length == 3) {
            // made before key ids: by whichever key of the ring made it
            valid = secrets.keyIds().stream().anyMatch(keyId -> matches(keyId, data, parts[2]));
        } else {
            valid = parts[2].length() <= MAX_KEY_ID_LENGTH
                    && isBase64Url(parts[2])
                    && matches(parts[2], data, parts[3]);
        }
        return valid ? Optional.of(expiry) : Optional.empty();
    }

    private boolean matches(String keyId, String data, String mac) {
        return secrets.mac(keyId, data)
                .map(expected -> MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), mac.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }

    private String signed(Share share, String nonce, long expiry) {
        return purpose + share.id() + "|" + nonce + "|" + expiry + "|"
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
