package dev.sharebridge.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class AesGcmSecretBoxTest {
    private static final byte[] KEY = key(1);
    private final AesGcmSecretBox box = new AesGcmSecretBox(KEY, new SecureRandom());

    @Test
    void sealedTextOpensToTheOriginal() {
        String sealed = box.seal("Link-Passw0rd-ÄÖÜ");

        assertThat(sealed).startsWith("v2:" + box.keyId() + ":").doesNotContain("Link-Passw0rd");
        assertThat(box.open(sealed)).isEqualTo("Link-Passw0rd-ÄÖÜ");
        assertThat(box.open(box.seal(""))).isEmpty();
    }

    @Test
    void everySealUsesAFreshNonce() {
        String first = box.seal("same");
        String second = box.seal("same");

        assertThat(first).isNotEqualTo(second);
        byte[] a = payload(first);
        byte[] b = payload(second);
        assertThat(Arrays.copyOf(a, 12)).isNotEqualTo(Arrays.copyOf(b, 12));
        // 12-byte nonce + 4 bytes of text + 16-byte tag
        assertThat(a).hasSize(32);
    }

    @Test
    void anAlteredValueIsDetected() {
        String sealed = box.seal("secret value");
        byte[] bytes = payload(sealed);
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            String altered = "v2:" + box.keyId() + ":" + Base64.getEncoder().encodeToString(tampered);

            assertThatThrownBy(() -> box.open(altered)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void anotherKeyCannotOpen() {
        AesGcmSecretBox other = new AesGcmSecretBox(key(2), new SecureRandom());
        String sealed = box.seal("secret value");

        assertThatThrownBy(() -> other.open(sealed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret value");
    }

    @Test
    void garbageIsRejected() {
        assertThatThrownBy(() -> box.open("secret value")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v1:%%%")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open("v1:AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> box.open(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void macIsDeterministicKeyedAndUrlSafe() {
        String mac = box.mac("share:42|grant:abc");

        assertThat(mac).isEqualTo(box.mac("share:42|grant:abc"));
        assertThat(mac).isNotEqualTo(box.mac("share:43|grant:abc"));
        assertThat(mac).isNotEqualTo(new AesGcmSecretBox(key(2), new SecureRandom()).mac("share:42|grant:abc"));
        assertThat(mac).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void theMacKeyIsNotTheMasterKey() throws Exception {
        javax.crypto.Mac plain = javax.crypto.Mac.getInstance("HmacSHA256");
        plain.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        String withMaster = Base64.getUrlEncoder().withoutPadding().encodeToString(plain.doFinal("x".getBytes()));

        assertThat(box.mac("x")).isNotEqualTo(withMaster);
    }

    @Test
    void onlyThirtyTwoByteKeysAreAccepted() {
        assertThatThrownBy(() -> new AesGcmSecretBox(new byte[16], new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(box.toString()).doesNotContain(Base64.getEncoder().encodeToString(KEY));
    }

    @Test
    void theKeyIdIsShortStableAndDerivedFromTheKey() {
        assertThat(box.keyId())
                .matches("[A-Za-z0-9_-]{8}")
                .isEqualTo(new AesGcmSecretBox(key(1), new SecureRandom()).keyId())
                .isNotEqualTo(new AesGcmSecretBox(key(2), new SecureRandom()).keyId());
        assertThat(box.keyIds()).containsExactly(box.keyId());
        assertThat(box.toString()).contains(box.keyId());
    }

    @Test
    void theCurrentKeySealsAndSignsAndPreviousKeysStillOpenAndVerify() {
        AesGcmSecretBox a = new AesGcmSecretBox(key(1), new SecureRandom());
        AesGcmSecretBox b = new AesGcmSecretBox(key(2), new SecureRandom());
        AesGcmSecretBox ring = new AesGcmSecretBox(key(2), List.of(key(1), key(2), key(1)), new SecureRandom());
        String sealedByA = a.seal("made under A");

        assertThat(ring.keyId()).isEqualTo(b.keyId());
        assertThat(ring.keyIds()).as("duplicates count once").containsExactly(b.keyId(), a.keyId());
        assertThat(ring.open(sealedByA)).isEqualTo("made under A");
        assertThat(ring.isSealedWithCurrentKey(sealedByA)).isFalse();
        String resealed = ring.seal(ring.open(sealedByA));
        assertThat(ring.isSealedWithCurrentKey(resealed)).isTrue();
        assertThat(b.open(resealed)).as("B alone opens it now").isEqualTo("made under A");
        assertThatThrownBy(() -> b.open(sealedByA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sealed value was made with key " + a.keyId() + ", which is not configured");

        assertThat(ring.mac("data")).isEqualTo(b.mac("data"));
        assertThat(ring.mac(a.keyId(), "data")).contains(a.mac("data"));
        assertThat(ring.mac(b.keyId(), "data")).contains(b.mac("data"));
        assertThat(b.mac(a.keyId(), "data")).isEmpty();
        assertThat(ring.mac("no-such-id", "data")).isEmpty();
    }

    /** Values of the form before key ids, made by the code of that time with the key 00 01 02 … 1f. */
    @Test
    void valuesMadeBeforeKeyIdsOpenAndVerifyWithWhicheverKeyMadeThem() {
        byte[] legacyKey = Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        String sealed = "v1:L7YqJ7oaEA7LHn7FmgRJm1vs6YGlHTfvtDvb2tZqCTECvrwL7VVEShetBDLxUvNYGxVzAg==";
        String mac = "-c4VPfmAgmhJsWjQW1aa1OT45JozV_KiguyijAj54io";
        AesGcmSecretBox same = new AesGcmSecretBox(legacyKey, new SecureRandom());
        AesGcmSecretBox asPrevious = new AesGcmSecretBox(key(3), List.of(key(4), legacyKey), new SecureRandom());

        assertThat(same.open(sealed)).isEqualTo("the room's read password");
        assertThat(same.mac("6f1c|nonce|1|hash")).isEqualTo(mac);
        assertThat(same.isSealedWithCurrentKey(sealed))
                .as("re-sealed by a rotation")
                .isFalse();
        assertThat(asPrevious.open(sealed)).isEqualTo("the room's read password");
        assertThat(asPrevious.mac(same.keyId(), "6f1c|nonce|1|hash")).contains(mac);
        assertThatThrownBy(() -> new AesGcmSecretBox(key(3), new SecureRandom()).open(sealed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(sealed.substring(3));
    }

    @Test
    void messagesNeverQuoteAStoredValue() {
        String unknownId = "v2:" + "x".repeat(40) + ":" + box.seal("a").substring(12);

        assertThatThrownBy(() -> box.open(unknownId)).hasMessageNotContaining("xxxxxxxx");
        assertThatThrownBy(() -> box.open("v2:nocolon")).hasMessage("not a sealed value of this server");
    }

    private static byte[] payload(String sealed) {
        return Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }
}
