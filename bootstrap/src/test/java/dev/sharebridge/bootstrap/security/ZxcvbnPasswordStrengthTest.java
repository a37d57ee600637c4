package dev.sharebridge.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13, item 9: which passwords the estimator refuses and which it lets through. */
class ZxcvbnPasswordStrengthTest {
    private static final ZxcvbnPasswordStrength STRENGTH = new ZxcvbnPasswordStrength();

    @ParameterizedTest
    @ValueSource(
            strings = {
                // the three of the issue, which passed the old list of 68
                "Password2024",
                "welcome2024",
                "qwertzuiop",
                // common lists, keyboard walks, words with years, repetitions
                "1234567890",
                "password123",
                "qwertyuiop",
                "iloveyou12",
                "letmein2024",
                "Summer2024!",
                "monkey123456",
                "trustno1trustno1",
                "aaaaaaaaaaaa",
                "abababababab",
                "nope nope nope",
                "Administrator",
                "sharebridge1"
            })
    void weakPasswordsAreRefusedWithAHint(String weak) {
        assertThat(STRENGTH.weakness(weak, List.of()))
                .hasValueSatisfying(hint -> assertThat(hint).isNotBlank().doesNotContain(weak));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a long passphrase",
                "another long passphrase",
                "correct horse battery",
                "blue-harbour-lantern-42",
                "Grüße, 世界 — ok",
                "Tr0ub4dor&3",
                "too many tries",
                "Read-Secret-9f2c-long",
                "😀😁😂🤣😃😄😅😆😉😊"
            })
    void strongPasswordsPass(String strong) {
        assertThat(STRENGTH.weakness(strong, List.of())).isEmpty();
    }

    @Test
    void theReadmesPassphraseIsWellAboveTheThreshold() {
        assertThat(STRENGTH.weakness("a long passphrase", List.of("alice", "report.pdf")))
                .isEmpty();
    }

    @Test
    void wordsOfTheLinkCountAsKnown() {
        String token = "Hq3xV9kPz2LmN8rT4wYb6cJd1fGs5aE7";
        assertThat(STRENGTH.weakness("Quarterly-Report", List.of())).isEmpty();
        assertThat(STRENGTH.weakness("Quarterly-Report", List.of("quarterly-report")))
                .isPresent();
        assertThat(STRENGTH.weakness(token, List.of(token))).isPresent();
    }
}
