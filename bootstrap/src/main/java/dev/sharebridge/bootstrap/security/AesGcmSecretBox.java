package dev.sharebridge.bootstrap.security;

import dev.sharebridge.application.port.out.security.SecretBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets that must be read back (meeting-link passwords) with AES-256-GCM, and MACs
 * grants with HMAC-SHA-256, with a keyring: the current server key seals and signs, previous keys
 * still open and verify. From each server key an encryption key, a MAC key and a key id are
 * derived (HKDF-Expand with distinct labels), so a leak of MACs or ids tells nothing about the
 * encryption key, and the id (8 base64url characters) can be shown and logged.
 *
 * <p>Sealed form: {@code v2:<keyId>:} + base64(nonce ‖ ciphertext ‖ tag), the key id also
 * authenticated as associated data. The form before key ids, {@code v1:} + base64(nonce ‖
 * ciphertext ‖ tag), is still opened, with each key of the ring in turn; both forms use the same
 * derived encryption key, so a server key opens what it sealed in either form.
 */
public final class AesGcmSecretBox implements SecretBox {
    private static final String V1 = "v1:";
    private static final String V2 = "v2:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_ID_BYTES = 6;
    private static final byte[] AAD_V1 = "sharebridge secret box v1".getBytes(StandardCharsets.US_ASCII);
    private static final String NOT_OURS = "not a sealed value of this server";

    /** The keys derived from one server key. */
    private record Keys(SecretKeySpec encryption, SecretKeySpec mac) {}

    /** By key id, the current key first. */
    private final Map<String, Keys> ring = new LinkedHashMap<>();

    private final String currentId;
    private final SecureRandom random;

    /** @param masterKey the 32-byte server key (see {@link SecretKeys}); copied, not kept */
    public AesGcmSecretBox(byte[] masterKey, SecureRandom random) {
        this(masterKey, List.of(), random);
    }

    /**
     * @param currentKey   the 32-byte key that seals and signs; copied, not kept
     * @param previousKeys 32-byte keys that still open and verify (a key equal to the current one,
     *                     or listed twice, counts once); copied, not kept
     */
    public AesGcmSecretBox(byte[] currentKey, List<byte[]> previousKeys, SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
        List<byte[]> all = new ArrayList<>();
        all.add(currentKey);
        all.addAll(previousKeys);
        for (byte[] key : all) {
            if (key == null || key.length != SecretKeys.KEY_BYTES) {
                throw new IllegalArgumentException("the server key must be " + SecretKeys.KEY_BYTES + " bytes");
            }
            byte[] enc = derive(key, "sharebridge/v1/encryption");
            byte[] mac = derive(key, "sharebridge/v1/mac");
            byte[] id = derive(key, "sharebridge/v2/key-id");
            ring.putIfAbsent(
                    Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(id, KEY_ID_BYTES)),
                    new Keys(new SecretKeySpec(enc, "AES"), new SecretKeySpec(mac, "HmacSHA256")));
            Arrays.fill(enc, (byte) 0);
            Arrays.fill(mac, (byte) 0);
            Arrays.fill(id, (byte) 0);
        }
        this.currentId = ring.keySet().iterator().next();
    }

    @Override
    public String keyId() {
        return currentId;
    }

    @Override
    public List<String> keyIds() {
        return List.copyOf(ring.keySet());
    }

    @Override
    public String seal(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, ring.get(currentId).encryption(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aadV2(currentId));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out =
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return V2 + currentId + ":" + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    @Override
    public String open(String sealed) {
        if (sealed == null) {
            throw new IllegalArgumentException(NOT_OURS);
        }
        if (sealed.startsWith(V1)) {
            byte[] bytes = bytes(sealed.substring(V1.length()));
            for (Keys keys : ring.values()) {
                Optional<String> plain = decrypt(keys, AAD_V1, bytes);
                if (plain.isPresent()) {
                    return plain.get();
                }
            }
            throw new IllegalArgumentException(
                    "sealed value was made with a key that is not configured, or was altered");
        }
        if (!sealed.startsWith(V2) || sealed.indexOf(':', V2.length()) < 0) {
            throw new IllegalArgumentException(NOT_OURS);
        }
        int colon = sealed.indexOf(':', V2.length());
        String keyId = sealed.substring(V2.length(), colon);
        Keys keys = ring.get(keyId);
        if (keys == null) {
            // the id is derived from the key and tells nothing about it: it may be named
            throw new IllegalArgumentException(
                    "sealed value was made with key " + printable(keyId) + ", which is not configured");
        }
        return decrypt(keys, aadV2(keyId), bytes(sealed.substring(colon + 1)))
                .orElseThrow(() -> new IllegalArgumentException("sealed value was altered"));
    }

    @Override
    public boolean isSealedWithCurrentKey(String sealed) {
        return sealed.startsWith(V2 + currentId + ":");
    }

    private static byte[] bytes(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NOT_OURS);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException(NOT_OURS);
        }
        return bytes;
    }

    /** @return empty when these keys did not make it (or it was altered) */
    private static Optional<String> decrypt(Keys keys, byte[] aad, byte[] bytes) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, keys.encryption(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            byte[] plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static byte[] aadV2(String keyId) {
        return ("sharebridge secret box v2:" + keyId).getBytes(StandardCharsets.US_ASCII);
    }

    /** A key id read from a stored value, as a message may show it: short and plain, or not at all. */
    private static String printable(String keyId) {
        return keyId.length() <= 16
                        && keyId.chars()
                                .allMatch(c -> (c < 128 && Character.isLetterOrDigit(c)) || c == '-' || c == '_')
                ? keyId
                : "(unreadable id)";
    }

    @Override
    public String mac(String data) {
        return mac(ring.get(currentId), data);
    }

    @Override
    public Optional<String> mac(String keyId, String data) {
        return Optional.ofNullable(ring.get(keyId)).map(keys -> mac(keys, data));
    }

    private static String mac(Keys keys, String data) {
        Objects.requireNonNull(data, "data");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.mac());
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }

    /** One HKDF-Expand block (RFC 5869) with the server key as PRK: enough for a 32-byte subkey. */
    private static byte[] derive(byte[] masterKey, String purpose) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(masterKey, "HmacSHA256"));
            hmac.update(purpose.getBytes(StandardCharsets.US_ASCII));
            hmac.update((byte) 1);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AesGcmSecretBox[key " + currentId + ", " + (ring.size() - 1) + " previous]";
    }
}
