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
    }

    @Test
    void grants_never_live_longer_than_an_hour() {
        assertThatThrownBy(() -> new ShareSettings(
                        "https://x",
                        Duration.ofHours(1).plusMillis(1),
                        10,
                        Duration.ofMinutes(15),
                        100,
                        1,
                        50,
                        Duration.ofMinutes(1)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("grantTtl"));
        assertThatThrownBy(() -> new ShareSettings(
                        "https://x",
                        Duration.ofHours(1),
                        10,
                        Duration.ofMinutes(15),
                        100,
                        0,
                        50,
                        Duration.ofMinutes(1)))
                .isInstanceOf(InvalidValueException.class);
    }
}
