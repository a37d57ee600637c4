package dev.sharebridge.application.service.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShareSettingsTest {
    @Test
    void defaults_follow_the_security_requirements() {
        ShareSettings s = ShareSettings.defaults("https://share.example.org//");
        assertThat(s.publicUrl()).isEqualTo("https://share.example.org");
        assertThat(s.grantTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(s.verifyFailuresPerClient()).isEqualTo(10);
        assertThat(s.verifyWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.verifyFailuresPerToken()).isEqualTo(100);
        assertThat(s.hashingSlots()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(s.notFoundPerClient()).isEqualTo(30);
        assertThat(s.notFoundWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.verifyDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.verifyDelayMax()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void the_verify_delay_doubles_from_the_second_failure_up_to_its_cap() {
        ShareSettings s = ShareSettings.defaults("https://x");
        assertThat(java.util.stream.IntStream.rangeClosed(0, 8).mapToObj(s::verifyDelayAfter).map(Duration::toMillis))
                .containsExactly(0L, 0L, 100L, 200L, 400L, 800L, 1600L, 2000L, 2000L);
        assertThat(s.verifyDelayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.withVerifyDelays(Duration.ZERO, Duration.ofSeconds(5)).verifyDelayAfter(9)).isZero();
    }

    @Test
    void verify_delays_are_bounded_and_ordered() {
        ShareSettings s = ShareSettings.defaults("https://x");
        assertThatThrownBy(() -> s.withVerifyDelays(Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> s.withVerifyDelays(Duration.ZERO, Duration.ofMinutes(1).plusMillis(1)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> s.withVerifyDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.field()).isEqualTo("verifyDelayMax"));
    }

    @Test
    void grants_never_live_longer_than_an_hour() {
        assertThatThrownBy(() -> new ShareSettings("https://x", Duration.ofHours(1).plusMillis(1), 10,
                Duration.ofMinutes(15), 100, 1, 50, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("grantTtl"));
        assertThatThrownBy(() -> new ShareSettings("https://x", Duration.ofHours(1), 10, Duration.ofMinutes(15), 100,
                0, 50, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO)).isInstanceOf(InvalidValueException.class);
    }
}
