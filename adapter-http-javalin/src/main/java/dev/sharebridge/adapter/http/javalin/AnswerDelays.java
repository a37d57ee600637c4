package dev.sharebridge.adapter.http.javalin;

import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.domain.InvalidValueException;
import java.time.Duration;
import java.util.Objects;

/**
 * How long the answers to password guessing are held back (never blocking a thread): the use
 * cases only report the facts (how many wrong passwords the client has given for the link, that it
 * is throttled), and this policy turns them into a delay. A growing delay after wrong passwords
 * slows guessing; throttled and busy answers wait too, so that a flood of refused requests cannot
 * be answered as fast as it is sent and costs the server little.
 *
 * @param verifyDelay how long the answer to a client's second wrong password on one link is held
 *     back; it doubles with every further failure up to {@code verifyDelayMax}. Zero: no delays
 *     after wrong passwords
 * @param verifyDelayMax the longest delay, also that of every throttled ({@code 429}) answer
 */
public record AnswerDelays(Duration verifyDelay, Duration verifyDelayMax) {
    /** The longest an answer may be held back. */
    public static final Duration MAX_ANSWER_DELAY = Duration.ofMinutes(1);
    /*
     * The defaults, for embedders and the server alike: the server's configuration
     * (docs/configuration.md) takes them from here, and a test holds the documented table to them.
     */
    public static final Duration DEFAULT_VERIFY_DELAY = Duration.ofMillis(100);
    public static final Duration DEFAULT_VERIFY_DELAY_MAX = Duration.ofSeconds(2);
    /** Answers to wrong passwords held back from 100 ms growing to 2 s. */
    public static final AnswerDelays DEFAULTS = new AnswerDelays(DEFAULT_VERIFY_DELAY, DEFAULT_VERIFY_DELAY_MAX);

    public AnswerDelays {
        Objects.requireNonNull(verifyDelay, "verifyDelay");
        Objects.requireNonNull(verifyDelayMax, "verifyDelayMax");
        if (verifyDelay.isNegative() || verifyDelayMax.isNegative() || verifyDelayMax.compareTo(MAX_ANSWER_DELAY) > 0) {
            throw new InvalidValueException("verify_delay", "verify delays must be between 0 and one minute");
        }
        if (verifyDelayMax.compareTo(verifyDelay) < 0) {
            throw new InvalidValueException("verify_delay_max", "verify_delay_max must not be below verify_delay");
        }
    }

    /** How long to hold back the answer to {@code outcome}; zero for every outcome but the three of guessing. */
    public Duration of(UseCaseException outcome) {
        if (outcome instanceof InvalidPasswordException wrong) {
            return afterFailures(wrong.failures());
        }
        if (outcome instanceof RateLimitedException) {
            return verifyDelayMax;
        }
        if (outcome instanceof ServiceBusyException busy) {
            // as if this attempt had failed too, and never less than the first delay
            Duration hold = afterFailures(busy.failures() + 1);
            return hold.compareTo(verifyDelay) < 0 ? verifyDelay : hold;
        }
        return Duration.ZERO;
    }

    /**
     * How long to hold back the answer to a client's {@code failures}-th wrong password on one
     * link: nothing for the first, {@code verifyDelay} for the second, doubling from there up to
     * {@code verifyDelayMax}.
     */
    public Duration afterFailures(int failures) {
        if (failures < 2 || verifyDelay.isZero()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 2, 30);
        long millis = verifyDelay.toMillis() << doublings;
        return millis < 0 || millis >= verifyDelayMax.toMillis() ? verifyDelayMax : Duration.ofMillis(millis);
    }
}
