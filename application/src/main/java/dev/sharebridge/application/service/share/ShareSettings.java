package dev.sharebridge.application.service.share;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.share.ShareToken;
import java.time.Duration;
import java.util.Objects;

/**
 * The tunable knobs of share links: where links point, how long grants live, and the limits that
 * protect the public routes against guessing and floods.
 *
 * <p>A value out of range is an {@link InvalidValueException} naming the record component (e.g.
 * {@code grantTtl}): these are given by the code that builds the settings, not by a client, and
 * the server's configuration checks its own keys before it builds them.
 *
 * @param publicUrl base of every link handed out, without a trailing slash (one is stripped)
 * @param grantTtl how long a grant lives at most (never more than one hour)
 * @param verifyFailuresPerClient wrong passwords one client may try on one link per {@code verifyWindow}
 * @param verifyWindow the sliding window of both verify limits
 * @param verifyFailuresPerToken wrong passwords all clients together may try on one link per window
 * @param hashingSlots how many password hashes may run at once; more requests are turned away
 * @param notFoundPerClient not-found answers one client may get per {@code notFoundWindow}
 * @param notFoundWindow the sliding window of the not-found limit
 * @param visitTtl how long a visit lives: the downloads of one counted open that count nothing
 *     more (docs/reference.md §6; never more than one hour)
 */
public record ShareSettings(
        String publicUrl,
        Duration grantTtl,
        int verifyFailuresPerClient,
        Duration verifyWindow,
        int verifyFailuresPerToken,
        int hashingSlots,
        int notFoundPerClient,
        Duration notFoundWindow,
        Duration visitTtl) {

    public static final Duration MAX_GRANT_TTL = Duration.ofHours(1);
    /*
     * The defaults, for embedders and the server alike: the server's configuration
     * (docs/configuration.md) takes each of its defaults from here, and a test holds the
     * documented table to them.
     */
    public static final Duration DEFAULT_GRANT_TTL = MAX_GRANT_TTL;
    public static final int DEFAULT_VERIFY_FAILURES_PER_CLIENT = 10;
    public static final Duration DEFAULT_VERIFY_WINDOW = Duration.ofMinutes(15);
    public static final int DEFAULT_VERIFY_FAILURES_PER_TOKEN = 100;
    public static final int DEFAULT_NOT_FOUND_PER_CLIENT = 30;
    public static final Duration DEFAULT_NOT_FOUND_WINDOW = Duration.ofMinutes(5);
    public static final Duration MAX_VISIT_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_VISIT_TTL = Duration.ofMinutes(10);

    public ShareSettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(grantTtl, "grantTtl");
        Objects.requireNonNull(verifyWindow, "verifyWindow");
        Objects.requireNonNull(notFoundWindow, "notFoundWindow");
        Objects.requireNonNull(visitTtl, "visitTtl");
        while (publicUrl.endsWith("/")) {
            publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
        }
        if (publicUrl.isEmpty()) {
            throw new InvalidValueException("publicUrl", "publicUrl must not be empty");
        }
        if (grantTtl.isNegative() || grantTtl.isZero() || grantTtl.compareTo(MAX_GRANT_TTL) > 0) {
            throw new InvalidValueException("grantTtl", "grantTtl must be positive and at most one hour");
        }
        if (visitTtl.isNegative() || visitTtl.isZero() || visitTtl.compareTo(MAX_VISIT_TTL) > 0) {
            throw new InvalidValueException("visitTtl", "visitTtl must be positive and at most one hour");
        }
        positive(verifyWindow, "verifyWindow");
        positive(notFoundWindow, "notFoundWindow");
        atLeastOne(verifyFailuresPerClient, "verifyFailuresPerClient");
        atLeastOne(verifyFailuresPerToken, "verifyFailuresPerToken");
        atLeastOne(hashingSlots, "hashingSlots");
        atLeastOne(notFoundPerClient, "notFoundPerClient");
    }

    /** With the default {@code visitTtl}. */
    public ShareSettings(
            String publicUrl,
            Duration grantTtl,
            int verifyFailuresPerClient,
            Duration verifyWindow,
            int verifyFailuresPerToken,
            int hashingSlots,
            int notFoundPerClient,
            Duration notFoundWindow) {
        this(
                publicUrl,
                grantTtl,
                verifyFailuresPerClient,
                verifyWindow,
                verifyFailuresPerToken,
                hashingSlots,
                notFoundPerClient,
                notFoundWindow,
                DEFAULT_VISIT_TTL);
    }

    /**
     * The defaults, the same as the server's: 1 h grants, 10 wrong passwords per client and 100
     * per link in 15 min, 30 not-founds per client in 5 min, one password hash per CPU core at a
     * time, 10 min visits.
     */
    public static ShareSettings defaults(String publicUrl) {
        return new ShareSettings(
                publicUrl,
                DEFAULT_GRANT_TTL,
                DEFAULT_VERIFY_FAILURES_PER_CLIENT,
                DEFAULT_VERIFY_WINDOW,
                DEFAULT_VERIFY_FAILURES_PER_TOKEN,
                defaultHashingSlots(),
                DEFAULT_NOT_FOUND_PER_CLIENT,
                DEFAULT_NOT_FOUND_WINDOW,
                DEFAULT_VISIT_TTL);
    }

    /** One password hash at a time per CPU core. */
    public static int defaultHashingSlots() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The web page of a link: {@code {public_url}/s/{token}}. */
    public String linkUrl(ShareToken token) {
        return publicUrl + "/s/" + token.value();
    }

    private static void positive(Duration d, String field) {
        if (d.isNegative() || d.isZero()) {
            throw new InvalidValueException(field, field + " must be positive");
        }
    }

    private static void atLeastOne(int n, String field) {
        if (n < 1) {
            throw new InvalidValueException(field, field + " must be at least 1");
        }
    }
}
