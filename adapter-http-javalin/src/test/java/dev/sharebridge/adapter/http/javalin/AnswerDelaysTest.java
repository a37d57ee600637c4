package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.domain.InvalidValueException;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The delay policy the use cases' facts (failures, throttling) are turned into. */
class AnswerDelaysTest {

    @Test
    void the_defaults_hold_wrong_passwords_back_from_100_ms_to_2_s() {
        assertThat(AnswerDelays.DEFAULTS.verifyDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(AnswerDelays.DEFAULTS.verifyDelayMax()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void the_verify_delay_doubles_from_the_second_failure_up_to_its_cap() {
        AnswerDelays s = AnswerDelays.DEFAULTS;
        assertThat(IntStream.rangeClosed(0, 8).mapToObj(s::afterFailures).map(Duration::toMillis))
                .containsExactly(0L, 0L, 100L, 200L, 400L, 800L, 1600L, 2000L, 2000L);
        assertThat(s.afterFailures(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2));
        assertThat(new AnswerDelays(Duration.ZERO, Duration.ofSeconds(5)).afterFailures(9))
                .isZero();
    }

    @Test
    void verify_delays_are_bounded_and_ordered() {
        assertThatThrownBy(() -> new AnswerDelays(Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() ->
                        new AnswerDelays(Duration.ZERO, Duration.ofMinutes(1).plusMillis(1)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new AnswerDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("verify_delay_max"));
    }

    /** What verify reports for ten wrong passwords of one client (VerifySharePasswordServiceTest), held back. */
    @Test
    void answers_to_wrong_passwords_are_held_back_longer_each_time() {
        AnswerDelays delays = new AnswerDelays(Duration.ofMillis(100), Duration.ofMillis(1500));
        assertThat(IntStream.rangeClosed(1, 10)
                        .mapToObj(n -> delays.of(new InvalidPasswordException("wrong", n)))
                        .map(Duration::toMillis))
                .containsExactly(0L, 100L, 200L, 400L, 800L, 1500L, 1500L, 1500L, 1500L, 1500L);
        // throttled answers wait the longest delay; another client's first failure waits nothing
        assertThat(delays.of(new RateLimitedException("slow down", Duration.ofMinutes(15))))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(delays.of(new InvalidPasswordException("wrong", 1))).isZero();
    }

    @Test
    void a_busy_answer_is_held_back_briefly_and_never_less_than_a_guess_would_be() {
        AnswerDelays delays = AnswerDelays.DEFAULTS;
        assertThat(delays.of(new ServiceBusyException("busy", Duration.ofSeconds(1), 0)))
                .isEqualTo(Duration.ofMillis(100));
        assertThat(delays.of(new ServiceBusyException("busy", Duration.ofSeconds(1), 3)))
                .isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void other_outcomes_are_not_held_back() {
        assertThat(AnswerDelays.DEFAULTS.of(new NotFoundException("no such link")))
                .isZero();
    }
}
