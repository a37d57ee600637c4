package dev.sharebridge.domain.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharePasswordPolicyTest {

    private static void assertRejected(String password) {
        assertThatThrownBy(() -> SharePasswordPolicy.check(password))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("password"))
                .satisfies(e -> {
                    if (password != null && !password.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(password);
                    }
                });
    }

    @Test
    void goodPasswordIsReturned() {
        assertThat(SharePasswordPolicy.check("correct horse battery")).isEqualTo("correct horse battery");
        assertThat(SharePasswordPolicy.check("Tr0ub4dor&")).isEqualTo("Tr0ub4dor&");
    }

    @Test
    void atLeastTenCharacters() {
        assertRejected("Tr0ub4do&");
        assertRejected("");
        assertRejected(null);
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        // nine emoji: 18 UTF-16 units and 36 bytes, but only nine characters
        String nine = "😀😁😂🤣😃😄😅😆😉";
        assertThat(nine.length()).isEqualTo(18);
        assertRejected(nine);
        assertThat(SharePasswordPolicy.check(nine + "😊")).isEqualTo(nine + "😊");
    }

    @Test
    void lengthIsCountedAfterNfc() {
        // 11 code points decomposed, 9 after NFC
        String decomposed = "e\u0301xample\u0301!!";
        assertThat(decomposed.codePointCount(0, decomposed.length())).isEqualTo(11);
        assertRejected(decomposed);
    }

    @Test
    void atMost72Utf8Bytes() {
        String seventyTwo = "äöü".repeat(12); // 36 characters, 72 bytes
        assertThat(seventyTwo.getBytes(StandardCharsets.UTF_8)).hasSize(72);
        assertThat(SharePasswordPolicy.check(seventyTwo)).isEqualTo(seventyTwo);
        assertRejected(seventyTwo + "x"); // 37 characters but 73 bytes
        assertThat(SharePasswordPolicy.check("x".repeat(36) + "Yz".repeat(18))).hasSize(72);
        assertRejected("x".repeat(36) + "Yz".repeat(18) + "!");
        assertRejected("😀😁😂🤣😃😄😅😆😉😊".repeat(2) + "abc"); // 23 characters, 83 bytes
    }

    @Test
    void byteLimitAppliesToTheNfcForm() {
        // 36 decomposed a-umlauts are 108 bytes, the NFC form "äöü…" 72: accepted
        String decomposed = "a\u0308o\u0308u\u0308".repeat(12);
        assertThat(decomposed.getBytes(StandardCharsets.UTF_8)).hasSize(108);
        assertThat(SharePasswordPolicy.check(decomposed)).isEqualTo("äöü".repeat(12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u009f"})
    void controlCharactersAreRejected(String control) {
        assertRejected("Tr0ub4dor&" + control + "x");
        assertRejected(control + "Tr0ub4dor&x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800Qx7-harbour-lantern", "Qx7-harbour-lantern\udfff", "Qx7-\udc00\ud800-lantern"})
    void unpairedSurrogatesAreRefusedAtCreation(String password) {
        // without the rule, every lone surrogate is encoded as '?', so "?Qx7-..." would verify too
        assertThatThrownBy(() -> SharePasswordPolicy.check(password))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("valid Unicode");
    }

    @Test
    void surrogatePairsAreValid() {
        assertThat(SharePasswordPolicy.check("😀 Qx7-harbour")).isEqualTo("😀 Qx7-harbour");
    }

    @Test
    void aPasswordThatCannotBeRightIsNotVerifiable() {
        assertThat(SharePasswordPolicy.verifiable("\ud800Qx7-harbour-lantern")).isEmpty();
        assertThat(SharePasswordPolicy.verifiable("?Qx7-harbour-lantern")).contains("?Qx7-harbour-lantern");
        assertThat(SharePasswordPolicy.verifiable("")).isEmpty();
        assertThat(SharePasswordPolicy.verifiable(null)).isEmpty();
        assertThat(SharePasswordPolicy.verifiable("ä".repeat(37))).isEmpty(); // 74 bytes
        assertThat(SharePasswordPolicy.verifiable("cafe\u0301-terrasse")).contains("caf\u00e9-terrasse");
    }

    @Test
    void aPasswordContainingATokenOfTheLinkIsRefusedInAnyCase() {
        ShareToken token = ShareToken.parse("AbCdEfGhIjKlMnOpQrStUvWxYz012345").orElseThrow();
        ShareToken other = ShareToken.parse("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz").orElseThrow();
        for (String p :
                List.of(token.value(), "x" + token.value() + "!", token.value().toLowerCase(Locale.ROOT))) {
            assertThatThrownBy(() -> SharePasswordPolicy.checkNotToken(p, List.of(other, token)))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageContaining("token")
                    .hasMessageNotContaining(token.value());
        }
        SharePasswordPolicy.checkNotToken(token.value().substring(1), List.of(token));
        SharePasswordPolicy.checkNotToken("correct horse battery", List.of(token));
    }

    @Test
    void normaliseIsNfc() {
        assertThat(SharePasswordPolicy.normalize("cafe\u0301-terrasse")).isEqualTo("caf\u00e9-terrasse");
        assertThat(SharePasswordPolicy.check("cafe\u0301-terrasse"))
                .isEqualTo(SharePasswordPolicy.check("caf\u00e9-terrasse"));
    }
}
