package dev.sharebridge.domain.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InviteCodeTest {

    private static final String VALID = "AbCdEfGhIjKlMnOp012-_9";

    @Test
    void generatedCodesAreUrlSafeAndUnique() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = InviteCode.generate(random).value();
            assertThat(code).hasSize(InviteCode.LENGTH).matches("[A-Za-z0-9_-]{22}");
            assertThat(InviteCode.parse(code)).contains(code);
            seen.add(code);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void codeCarries128Bits() {
        SecureRandom zeros = new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                assertThat(bytes).hasSize(16);
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        };
        assertThat(InviteCode.generate(zeros).value()).isEqualTo("A".repeat(22));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "AbCdEfGhIjKlMnOp012-_",
                "AbCdEfGhIjKlMnOp012-_9x",
                "AbCdEfGhIjKlMnOp012-_=",
                "AbCdEfGhIjKlMnOp012-+9",
                "AbCdEfGhIjKlMnOp012-/9",
                "AbCdEfGhIjKlMnOp01%2e9",
                "../CdEfGhIjKlMnOp012-_9",
                "AbCdEfGhIjKlMnOp012-*9",
                "AbCdEfGhIjKlMnOp012 _9"
            })
    void malformedCodesAreRejected(String text) {
        assertThat(InviteCode.parse(text)).isEmpty();
        assertThatThrownBy(() -> new InviteCode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRejected() {
        assertThat(InviteCode.parse(null)).isEmpty();
        assertThatThrownBy(() -> new InviteCode(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringIsRedacted() {
        assertThat(new InviteCode(VALID).toString()).doesNotContain(VALID);
        assertThat(new InviteCode(VALID).value()).isEqualTo(VALID);
    }
}
