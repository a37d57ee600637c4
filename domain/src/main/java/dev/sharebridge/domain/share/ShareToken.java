package dev.sharebridge.domain.share;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The secret part of a public link: 192 random bits as 32 characters of base64url (no padding,
 * so no modulo bias). Anything else is not a token and is refused before any lookup.
 */
public final class ShareToken {
    public static final int BYTES = 24;
    public static final int LENGTH = 32;

    private final String value;

    private ShareToken(String value) {
        this.value = value;
    }

    public static ShareToken generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new ShareToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The token, when {@code text} has exactly the form of one; empty otherwise. */
    public static Optional<ShareToken> parse(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return Optional.empty();
            }
        }
        // the last character carries only 0 bits of padding for 24 bytes: every char is valid
        return Optional.of(new ShareToken(text));
    }

    public String value() {
        return value;
    }

    /** A short, non-reversible label for logs: never log {@link #value()}. */
    public String logLabel() {
        return "tok#" + Integer.toHexString(value.hashCode() & 0xfff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShareToken t && t.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    /** Redacted on purpose, so a token never reaches a log through string concatenation. */
    @Override
    public String toString() {
        return "ShareToken[" + logLabel() + "]";
    }
}
