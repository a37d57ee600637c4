package dev.sharebridge.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class BcryptPasswordHasherTest {
    // The lowest cost bcrypt allows keeps the tests fast; production uses 10..16.
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(4, new SecureRandom());

    @Test
    void aHashVerifiesItsPasswordAndNoOther() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterx", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void theHashIsSaltedBcryptWithTheConfiguredCost() {
        String first = hasher.hash("same password");
        String second = hasher.hash("same password");
        String costly = new BcryptPasswordHasher(5, new SecureRandom()).hash("same password");

        assertThat(first).startsWith("$2b$04$").hasSize(60).isNotEqualTo(second);
        assertThat(costly).startsWith("$2b$05$");
        assertThat(hasher.verify("same password", costly)).isTrue();
    }

    @Test
    void theHashNeverContainsThePassword() {
        assertThat(hasher.hash("visible-password")).doesNotContain("visible-password");
    }

    @Test
    void anUnpairedSurrogateIsNeverTheSameAsAQuestionMark() {
        // String.getBytes(UTF_8) turns a lone surrogate into '?': both would have verified
        String hash = hasher.hash("?Qx7-harbour-lantern");
        assertThat(hasher.verify("\ud800Qx7-harbour-lantern", hash)).isFalse();
        assertThat(hasher.verify("?Qx7-harbour-lantern", hash)).isTrue();
        assertThatThrownBy(() -> hasher.hash("\udfffQx7-harbour-lantern"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Qx7");
    }

    @Test
    void nonAsciiPasswordsRoundTrip() {
        String password = "Grüße, 世界 — ok";

        assertThat(hasher.verify(password, hasher.hash(password))).isTrue();
    }

    @Test
    void everyOneOfSeventyTwoBytesCounts() {
        String base = "a".repeat(71);
        String hash = hasher.hash(base + "b");

        assertThat((base + "b").getBytes(StandardCharsets.UTF_8)).hasSize(72);
        assertThat(hasher.verify(base + "b", hash)).isTrue();
        assertThat(hasher.verify(base + "c", hash)).isFalse();
    }

    @Test
    void longerPasswordsAreRefusedNotTruncated() {
        String tooLong = "a".repeat(73);
        String multiByte = "é".repeat(37); // 74 UTF-8 bytes, 37 characters

        assertThatThrownBy(() -> hasher.hash(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(tooLong);
        assertThatThrownBy(() -> hasher.hash(multiByte)).isInstanceOf(IllegalArgumentException.class);
        // A 73-byte guess must not match a hash of its first 72 bytes.
        assertThat(hasher.verify("a".repeat(72) + "x", hasher.hash("a".repeat(72))))
                .isFalse();
    }

    @Test
    void aMalformedHashMatchesNothing() {
        assertThat(hasher.verify("password", "not a bcrypt hash")).isFalse();
        assertThat(hasher.verify("password", "")).isFalse();
    }

    @Test
    void costOutsideBcryptsRangeIsRejected() {
        assertThatThrownBy(() -> new BcryptPasswordHasher(3, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BcryptPasswordHasher(32, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new BcryptPasswordHasher(12, new SecureRandom()).cost()).isEqualTo(12);
    }
}
