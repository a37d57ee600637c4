package dev.sharebridge.application.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RecentReadsTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RecentReads<String, String> recent = new RecentReads<>(Duration.ofMillis(100), nanos::get);

    @Test
    void aValueIsReusedUntilItIsAsOldAsTheLimitCountedFromBeforeItsRead() {
        RecentReads.Ticket ticket = recent.ticket();
        nanos.addAndGet(30_000_000L); // the read took 30 ms
        recent.put(ticket, "k", "v");
        assertThat(recent.get("k")).contains("v");
        nanos.addAndGet(69_999_999L);
        assertThat(recent.get("k")).contains("v");
        nanos.addAndGet(1);
        assertThat(recent.get("k")).isEmpty();
        assertThat(recent.get("other")).isEmpty();
        assertThat(recent.stats()).isEqualTo(new RecentReads.Stats(2, 2, 0));
    }

    @Test
    void whilePausedNothingIsKeptNorAnsweredAndAReadFromBeforeTheResumeIsNotKeptAfterIt() {
        recent.put(recent.ticket(), "k", "v");
        recent.pause();
        assertThat(recent.get("k")).isEmpty();
        RecentReads.Ticket whilePaused = recent.ticket();
        recent.put(whilePaused, "k", "paused");
        assertThat(recent.get("k")).isEmpty();
        recent.resume();
        recent.put(whilePaused, "k", "paused");
        assertThat(recent.get("k")).as("read before the resume").isEmpty();
        recent.put(recent.ticket(), "k", "new");
        assertThat(recent.get("k")).contains("new");
    }

    @Test
    void aChangeElsewhereEndsEveryEntryAndIsCounted() {
        recent.put(recent.ticket(), "k", "v");
        recent.changedElsewhere();
        assertThat(recent.get("k")).isEmpty();
        assertThat(recent.stats().invalidations()).isEqualTo(1);
    }

    @Test
    void aChangeEndsEveryEntryAtOnce() {
        recent.put(recent.ticket(), "k", "v");
        recent.put(recent.ticket(), "l", "w");
        recent.changed();
        assertThat(recent.get("k")).isEmpty();
        assertThat(recent.get("l")).isEmpty();
    }

    @Test
    void aValueReadBeforeAChangeIsNeverKept() {
        RecentReads.Ticket before = recent.ticket();
        recent.changed(); // made while the read was running
        recent.put(before, "k", "old");
        assertThat(recent.get("k")).isEmpty();
        recent.put(recent.ticket(), "k", "new");
        assertThat(recent.get("k")).contains("new");
    }

    @Test
    void readsOnceAndEndsEverythingAfterAChangeEvenAFailedOne() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(recent.get("k", () -> "v" + reads.incrementAndGet())).isEqualTo("v1");
        assertThat(recent.get("k", () -> "v" + reads.incrementAndGet())).isEqualTo("v1");
        assertThat(recent.change(() -> 42)).isEqualTo(42);
        assertThat(recent.get("k", () -> "v" + reads.incrementAndGet())).isEqualTo("v2");
        assertThatThrownBy(() -> recent.change(() -> {
                    throw new IOException("failed halfway");
                }))
                .isInstanceOf(IOException.class);
        assertThat(recent.get("k", () -> "v" + reads.incrementAndGet())).isEqualTo("v3");
        assertThatThrownBy(() -> recent.get("other", () -> {
                    throw new IOException("unreadable");
                }))
                .isInstanceOf(IOException.class);
        assertThat(recent.get("other", () -> "read after all")).isEqualTo("read after all");
    }

    @Test
    void aValueTheCallerWillNotHaveKeptIsReadEveryTime() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(recent.get("k", () -> "v" + reads.incrementAndGet(), v -> false))
                .isEqualTo("v1");
        assertThat(recent.get("k", () -> "v" + reads.incrementAndGet(), v -> false))
                .isEqualTo("v2");
        assertThat(recent.get("k", () -> "v" + reads.incrementAndGet(), v -> true))
                .isEqualTo("v3");
        assertThat(recent.get("k", () -> "v" + reads.incrementAndGet(), v -> false))
                .isEqualTo("v3");
    }

    @Test
    void zeroKeepsNothingAndANegativeLimitIsRefused() {
        RecentReads<String, String> off = new RecentReads<>(Duration.ZERO, nanos::get);
        off.put(off.ticket(), "k", "v");
        assertThat(off.get("k")).isEmpty();
        assertThat(off.stats()).isEqualTo(new RecentReads.Stats(0, 0, 0));
        assertThatThrownBy(() -> new RecentReads<String, String>(Duration.ofMillis(-1), nanos::get))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFullCacheStartsOver() {
        recent.put(recent.ticket(), "first", "1");
        for (int i = 1; i < RecentReads.MAX_ENTRIES; i++) {
            recent.put(recent.ticket(), "k" + i, "v");
        }
        assertThat(recent.get("first")).contains("1");
        recent.put(recent.ticket(), "last", "2");
        assertThat(recent.get("first")).isEmpty();
        assertThat(recent.get("last")).contains("2");
    }
}
