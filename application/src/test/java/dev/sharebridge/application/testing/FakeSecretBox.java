package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.security.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A SecretBox with a fixed key: HMAC-SHA-256 for {@link #mac}, and a sealed form that is
 * authenticated (altering it fails) but, being a test fake, only encoded, not encrypted.
 */
public final class FakeSecretBox implements SecretBox {
    private final byte[] key;

    public FakeSecretBox() {
        this("test-key-of-the-fake-secret-box");
    }

    public FakeSecretBox(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String seal(String plaintext) {
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
        return body + "." + mac("seal|" + body);
    }

    @Override
    public String open(String sealed) {
        int dot = sealed.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("not sealed by this box");
        }
        String body = sealed.substring(0, dot);
        byte[] expected = mac("seal|" + body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, sealed.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException("not sealed by this box");
        }
        return new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
    }

    @Override
    public String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
