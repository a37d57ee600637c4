package dev.sharebridge.application.port.out.security;

/**
 * Hashes share passwords (bcrypt in production). Both methods are slow on purpose; callers bound
 * how many run at once. Passwords arrive already NFC-normalised and at most 72 UTF-8 bytes.
 */
public interface PasswordHasher {

    String hash(String password);

    /** Constant-time check of {@code password} against a hash made by {@link #hash}. */
    boolean verify(String password, String hash);
}
