package dev.sharebridge.domain.room;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** A code that lets a guest without an account join one room (128 random bits, base64url). */
public record InviteCode(String value) {
    public static final int LENGTH = 22;

    public InviteCode {
        if (parse(value).isEmpty()) {
            throw new IllegalArgumentException("not an invite code");
        }
    }

    public static InviteCode generate(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return new InviteCode(Base64.getUrlEncoder().withoutPadding().encodeToString(b));
    }

    public static Optional<String> parse(String text) {
        if (text == null || text.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    @Override
    public String toString() {
        return "InviteCode[redacted]";
    }
}
