package dev.sharebridge.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"alice", "a", "0day", "bob.smith", "b_o-b", "x1234567890"})
    void validNames(String name) {
        assertThat(UserId.of(name).value()).isEqualTo(name);
        assertThat(UserId.of(name)).hasToString(name);
    }

    @Test
    void atMost64Characters() {
        assertThat(UserId.of("a".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> UserId.of("a".repeat(65))).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Alice",
                "ALICE",
                ".alice",
                "-alice",
                "_alice",
                "ali ce",
                "ålice",
                "a/b",
                "../x",
                "a\\b",
                "alice\n",
                "al%69ce",
                "alice@example",
                "a*"
            })
    void invalidNames(String name) {
        assertThatThrownBy(() -> UserId.of(name))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("user"));
    }

    @Test
    void nullIsInvalid() {
        assertThatThrownBy(() -> new UserId(null)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void userToStringHidesTokenHash() {
        User user = new User(UserId.of("alice"), "secret-hash-value", java.time.Instant.EPOCH);
        assertThat(user.toString()).contains("alice").doesNotContain("secret-hash-value");
    }
}
