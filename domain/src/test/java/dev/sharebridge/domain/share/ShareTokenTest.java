package dev.sharebridge.domain.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShareTokenTest {

    private static final String VALID = "AbCdEfGhIjKlMnOpQrStUvWxYz012-_9";

    @Test
    void generatedTokensHaveFixedLengthAndUrlSafeAlphabet() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String value = ShareToken.generate(random).value();
            assertThat(value).hasSize(ShareToken.LENGTH).matches("[A-Za-z0-9_-]{32}");
            seen.add(value);
        }
        assertThat(seen).hasSize(2000);
    }

    @Test
    void tokenCarries192BitsWithoutPadding() {
        assertThat(ShareToken.BYTES * 8).isEqualTo(192);
        assertThat(ShareToken.generate(new FixedBytesRandom(0)).value()).isEqualTo("A".repeat(32));
        assertThat(ShareToken.generate(new FixedBytesRandom(0xff)).value()).isEqualTo("_".repeat(32));
        assertThat(ShareToken.generate(new FixedBytesRandom(0xfb)).value()).isEqualTo("-_v7".repeat(8));
    }

    @Test
    void generatedTokenParsesBackToItself() {
        ShareToken token = ShareToken.generate(new SecureRandom());
        assertThat(ShareToken.parse(token.value())).contains(token);
    }

    @Test
    void parseAcceptsEveryAlphabetCharacter() {
        assertThat(ShareToken.parse(VALID)).map(ShareToken::value).contains(VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A", "AbCdEfGhIjKlMnOpQrStUvWxYz012-_", "AbCdEfGhIjKlMnOpQrStUvWxYz012-_9x"})
    void parseRejectsWrongLength(String text) {
        assertThat(ShareToken.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%2e", "../", "..%2f", "*", "%", "+", "/", "=", " ", ".", "ü", "\u0000", "'", "\\"})
    void parseRejectsAnythingOutsideTheAlphabet(String trick) {
        String token = trick + VALID.substring(trick.length());
        assertThat(token).hasSize(ShareToken.LENGTH);
        assertThat(ShareToken.parse(token)).isEmpty();
        String atEnd = VALID.substring(0, ShareToken.LENGTH - trick.length()) + trick;
        assertThat(ShareToken.parse(atEnd)).isEmpty();
    }

    @Test
    void parseRejectsNull() {
        assertThat(ShareToken.parse(null)).isEmpty();
    }

    @Test
    void parseIsCaseSensitive() {
        assertThat(ShareToken.parse(VALID)).isNotEqualTo(ShareToken.parse(VALID.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void toStringAndLogLabelNeverShowTheToken() {
        ShareToken token = ShareToken.parse(VALID).orElseThrow();
        assertThat(token.toString()).doesNotContain(VALID).doesNotContain(VALID.substring(0, 8));
        assertThat(token.logLabel()).doesNotContain(VALID.substring(0, 4)).startsWith("tok#");
    }

    @Test
    void equalityIsByValue() {
        assertThat(ShareToken.parse(VALID)).isEqualTo(ShareToken.parse(VALID));
        assertThat(ShareToken.parse(VALID).orElseThrow().hashCode())
                .isEqualTo(ShareToken.parse(VALID).orElseThrow().hashCode());
    }
}
