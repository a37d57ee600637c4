package dev.sharebridge.bootstrap.config;

import dev.sharebridge.adapter.http.javalin.AnswerDelays;
import dev.sharebridge.application.service.share.ShareSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [security]} section: password hashing cost, the server key, which proxies may
 * name the client, and the throttles of the public routes.
 *
 * @param secretKey      the base64 form of the 32-byte server key; empty means the key file
 *                       {@code <data_dir>/secret.key} (created on first use)
 * @param trustedProxies IP addresses or CIDR ranges whose {@code X-Forwarded-For} is believed
 * @param hashingSlots   how many password checks may run at once (already resolved: never 0)
 * @param verifyDelay    how long the answer to a client's second wrong password on a link waits
 *                       (doubling from there); zero for none
 * @param verifyDelayMax the longest such delay, also that of throttled answers
 */
public record SecurityConfig(
        int bcryptCost,
        Optional<String> secretKey,
        List<String> trustedProxies,
        Duration grantTtl,
        int verifyFailuresPerClient,
        Duration verifyWindow,
        int verifyFailuresPerToken,
        int hashingSlots,
        int notFoundPerClient,
        Duration notFoundWindow,
        Duration verifyDelay,
        Duration verifyDelayMax) {

    public SecurityConfig {
        Objects.requireNonNull(secretKey, "secretKey");
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(grantTtl, "grantTtl");
        Objects.requireNonNull(verifyWindow, "verifyWindow");
        Objects.requireNonNull(notFoundWindow, "notFoundWindow");
        Objects.requireNonNull(verifyDelay, "verifyDelay");
        Objects.requireNonNull(verifyDelayMax, "verifyDelayMax");
    }

    /** The share links' settings these values make, for links under {@code publicUrl}. */
    public ShareSettings shareSettings(String publicUrl) {
        return new ShareSettings(publicUrl, grantTtl, verifyFailuresPerClient, verifyWindow, verifyFailuresPerToken,
                hashingSlots, notFoundPerClient, notFoundWindow);
    }

    /** How long the HTTP API holds back answers to password guessing, by these values. */
    public AnswerDelays answerDelays() {
        return new AnswerDelays(verifyDelay, verifyDelayMax);
    }

    @Override
    public String toString() {
        return "SecurityConfig[bcryptCost=" + bcryptCost
                + ", secretKey=" + (secretKey.isPresent() ? "(configured)" : "(key file)")
                + ", trustedProxies=" + trustedProxies
                + ", grantTtl=" + grantTtl
                + ", verifyFailuresPerClient=" + verifyFailuresPerClient
                + ", verifyWindow=" + verifyWindow
                + ", verifyFailuresPerToken=" + verifyFailuresPerToken
                + ", hashingSlots=" + hashingSlots
                + ", notFoundPerClient=" + notFoundPerClient
                + ", notFoundWindow=" + notFoundWindow
                + ", verifyDelay=" + verifyDelay
                + ", verifyDelayMax=" + verifyDelayMax + "]";
    }
}
