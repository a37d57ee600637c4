package dev.sharebridge.bootstrap.config;

import dev.sharebridge.adapter.http.javalin.AnswerDelays;
import dev.sharebridge.application.service.share.ShareSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [security]} section: password hashing cost, the server key, which proxies may
 * name the client, and the throttles of the public routes.
 *
 * @param secretKey      the base64 form of the 32-byte current server key; empty means a key file
 * @param secretKeyFile  the key file that holds the current key when {@code secretKey} is empty
 *                       (it must exist); empty means {@code <data_dir>/secret.key}, created on first use
 * @param previousSecretKeys base64 forms of keys that were current before: what they sealed still
 *                       opens and the grants they signed still count, until they are dropped
 * @param trustedProxies IP addresses or CIDR ranges whose {@code X-Forwarded-For} is believed
 * @param hashingSlots   how many password checks may run at once (already resolved: never 0)
 * @param verifyDelay    how long the answer to a client's second wrong password on a link waits
 *                       (doubling from there); zero for none
 * @param verifyDelayMax the longest such delay, also that of throttled answers
 * @param visitTtl       how long the visit of a counted open lives (docs/reference.md §6)
 */
public record SecurityConfig(
        int bcryptCost,
        Optional<String> secretKey,
        Optional<Path> secretKeyFile,
        List<String> previousSecretKeys,
        List<String> trustedProxies,
        Duration grantTtl,
        int verifyFailuresPerClient,
        Duration verifyWindow,
        int verifyFailuresPerToken,
        int hashingSlots,
        int notFoundPerClient,
        Duration notFoundWindow,
        Duration verifyDelay,
        Duration verifyDelayMax,
        Duration visitTtl) {

    public SecurityConfig {
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(secretKeyFile, "secretKeyFile");
        previousSecretKeys = List.copyOf(previousSecretKeys);
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(grantTtl, "grantTtl");
        Objects.requireNonNull(verifyWindow, "verifyWindow");
        Objects.requireNonNull(notFoundWindow, "notFoundWindow");
        Objects.requireNonNull(verifyDelay, "verifyDelay");
        Objects.requireNonNull(verifyDelayMax, "verifyDelayMax");
        Objects.requireNonNull(visitTtl, "visitTtl");
    }

    /** The share links' settings these values make, for links under {@code publicUrl}. */
    public ShareSettings shareSettings(String publicUrl) {
        return new ShareSettings(
                publicUrl,
                grantTtl,
                verifyFailuresPerClient,
                verifyWindow,
                verifyFailuresPerToken,
                hashingSlots,
                notFoundPerClient,
                notFoundWindow,
                visitTtl);
    }

    /** How long the HTTP API holds back answers to password guessing, by these values. */
    public AnswerDelays answerDelays() {
        return new AnswerDelays(verifyDelay, verifyDelayMax);
    }

    @Override
    public String toString() {
        return "SecurityConfig[bcryptCost=" + bcryptCost
                + ", secretKey=" + (secretKey.isPresent() ? "(configured)" : "(key file)")
                + ", secretKeyFile=" + secretKeyFile.map(Path::toString).orElse("(data directory)")
                + ", previousSecretKeys=(" + previousSecretKeys.size() + ")"
                + ", trustedProxies=" + trustedProxies
                + ", grantTtl=" + grantTtl
                + ", verifyFailuresPerClient=" + verifyFailuresPerClient
                + ", verifyWindow=" + verifyWindow
                + ", verifyFailuresPerToken=" + verifyFailuresPerToken
                + ", hashingSlots=" + hashingSlots
                + ", notFoundPerClient=" + notFoundPerClient
                + ", notFoundWindow=" + notFoundWindow
                + ", verifyDelay=" + verifyDelay
                + ", verifyDelayMax=" + verifyDelayMax
                + ", visitTtl=" + visitTtl + "]";
    }
}
