package dev.sharebridge.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AesGcmSecretBoxTest {
    private static final byte[] KEY = key(1);
    private final AesGcmSecretBox box = new AesGcmSecretBox(KEY, new SecureRandom());

    @Test
    void sealedTextOpensToTheOriginal() {
        String sealed = box.seal("Link-Passw0rd-ÄÖÜ");

        assertThat(sealed).startsWith("v1:").doesNotContain("Link-Passw0rd");
        assertThat(box.open(sealed)).isEqualTo("Link-Passw0rd-ÄÖÜ");
        assertThat(box.open(box.seal(""))).isEmpty();
    }

    @Test
    void everySealUsesAFreshNonce() {
        String first = box.seal("same");
        String second = box.seal("same");

        assertThat(first).isNotEqualTo(second);
        byte[] a = Base64.getDecoder().decode(first.substring(3));
        byte[] b = Base64.getDecoder().decode(second.substring(3));
        assertThat(Arrays.copyOf(a, 12)).isNotEqualTo(Arrays.copyOf(b, 12));
        // 12-byte nonce + 4 bytes of text + 16-byte tag
        assertThat(a).hasSize(32);
    }

    @Test
    void anAlteredValueIsDetected() {
        String sealed = box.seal("secret value");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            String altered = "v1:" + Base64.getEncoder().encodeToString(tampered);

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

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }
}
