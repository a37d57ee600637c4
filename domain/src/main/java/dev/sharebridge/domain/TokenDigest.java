package dev.sharebridge.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one-way digest under which API tokens are stored. Tokens carry 256 random bits, so a fast
 * SHA-256 is as strong as a slow hash here and keeps authentication cheap on every request.
 */
public final class TokenDigest {
    private TokenDigest() {}

    public static String digest(String token) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
