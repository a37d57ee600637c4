package dev.sharebridge.application.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlidingWindowLimiterTest {
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void blocks_at_the_limit_until_the_oldest_event_leaves_the_window() {
        SlidingWindowLimiter l = new SlidingWindowLimiter(3, Duration.ofMinutes(1), 100);
        l.record("k", t0);
        l.record("k", t0.plusSeconds(10));
        assertThat(l.tryAcquire("k", t0.plusSeconds(20))).isEmpty();
        assertThat(l.tryAcquire("k", t0.plusSeconds(30))).contains(Duration.ofSeconds(30));
        assertThat(l.blocked("k", t0.plusSeconds(60).minusMillis(1))).isPresent();
        assertThat(l.blocked("k", t0.plusSeconds(60))).isEmpty();
        assertThat(l.blocked("other", t0)).isEmpty();
    }

    @Test
    void refund_and_reset_take_events_back() {
        SlidingWindowLimiter l = new SlidingWindowLimiter(1, Duration.ofMinutes(1), 100);
        l.record("k", t0);
        l.refund("k");
        assertThat(l.blocked("k", t0)).isEmpty();
        l.record("k", t0);
        l.reset("k");
        assertThat(l.blocked("k", t0)).isEmpty();
    }

    @Test
    void memory_stays_bounded() {
        SlidingWindowLimiter l = new SlidingWindowLimiter(5, Duration.ofMinutes(1), 10);
        for (int i = 0; i < 1000; i++) {
            l.record("k" + i, t0);
        }
        assertThat(l.size()).isEqualTo(10);
        assertThat(l.blocked("k999", t0)).isEmpty();
    }
}
