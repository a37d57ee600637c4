package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SecretBox with fixed keys (a current one and optional previous ones): HMAC-SHA-256 for
 * {@link #mac}, and a sealed form {@code keyId:body.mac} that is authenticated (altering it fails)
 * but, being a test fake, only encoded, not encrypted. A sealed value without {@code keyId:} (the
 * form before key ids) is tried with every key.
 */
public final class FakeSecretBox implements SecretBox {
    /** The key of {@link #FakeSecretBox()}. */
    public static final String DEFAULT_KEY = "test-key-of-the-fake-secret-box";

    /** Each key by its id, the current one first. */
    private final Map<String, byte[]> keys = new LinkedHashMap<>();

    private final String current;

    public FakeSecretBox() {
        this(DEFAULT_KEY);
    }

    /** @param key the current key; {@code previous} still open and verify */
    public FakeSecretBox(String key, String... previous) {
        List<String> all = new ArrayList<>(List.of(key));
        all.addAll(List.of(previous));
        for (String k : all) {
            byte[] bytes = k.getBytes(StandardCharsets.UTF_8);
            keys.putIfAbsent(mac(bytes, "key id").substring(0, 8), bytes);
        }
        this.current = keys.keySet().iterator().next();
    }

    @Override
    public String keyId() {
        return current;
    }

    @Override
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    @Override
    public String seal(String plaintext) {
        String body =
                Base64.getUrlEncoder().withoutPadding().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
        return current + ":" + body + "." + mac(keys.get(current), "seal|" + body);
    }

    @Override
    public String open(String sealed) {
        int colon = sealed.indexOf(':');
        List<String> ids = colon < 0 ? keyIds() : List.of(sealed.substring(0, colon));
        String rest = sealed.substring(colon + 1);
        int dot = rest.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("not sealed by this box");
        }
        String body = rest.substring(0, dot);
        for (String id : ids) {
            byte[] key = keys.get(id);
            if (key != null
                    && MessageDigest.isEqual(
                            mac(key, "seal|" + body).getBytes(StandardCharsets.UTF_8),
                            rest.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
                return new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("not sealed by this box");
    }

    @Override
    public boolean isSealedWithCurrentKey(String sealed) {
        return sealed.startsWith(current + ":");
    }

    @Override
    public String mac(String data) {
        return mac(keys.get(current), data);
    }

    @Override
    public Optional<String> mac(String keyId, String data) {
        return Optional.ofNullable(keys.get(keyId)).map(key -> mac(key, data));
    }

    private static String mac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
