package dev.sharebridge.bootstrap.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import dev.sharebridge.application.port.out.security.PasswordHasher;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Share-password hashing with bcrypt ($2b$). Inputs longer than bcrypt's 72 bytes are refused,
 * never truncated: bcrypt would silently ignore everything after byte 72.
 */
public final class BcryptPasswordHasher implements PasswordHasher {
    /** bcrypt reads at most this many bytes of a password. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifyer;

    /** @param cost log2 of the work factor, 4..31 (production uses 10..16, tests may go low) */
    public BcryptPasswordHasher(int cost, SecureRandom random) {
        if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException(
                    "bcrypt cost must be between " + BCrypt.MIN_COST + " and " + BCrypt.MAX_COST);
        }
        this.cost = cost;
        // Length is checked here before the library sees it, so its strategy never has to act.
        this.hasher = BCrypt.with(
                BCrypt.Version.VERSION_2B, Objects.requireNonNull(random, "random"), LongPasswordStrategies.none());
        this.verifyer = BCrypt.verifyer(BCrypt.Version.VERSION_2B, LongPasswordStrategies.none());
    }

    public int cost() {
        return cost;
    }

    /** @throws IllegalArgumentException when the password is not valid Unicode or longer than 72 UTF-8 bytes */
    @Override
    public String hash(String password) {
        byte[] bytes = bytesOf(password)
                .orElseThrow(
                        () -> new IllegalArgumentException("password is not valid Unicode (an unpaired surrogate)"));
        if (bytes.length > MAX_PASSWORD_BYTES) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException("password is longer than " + MAX_PASSWORD_BYTES + " UTF-8 bytes");
        }
        try {
            return new String(hasher.hash(cost, bytes), StandardCharsets.US_ASCII);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Compares in constant time (inside the library). A password over 72 bytes or not valid
     * Unicode cannot match any hash this class made, and a malformed hash matches nothing.
     */
    @Override
    public boolean verify(String password, String hash) {
        Objects.requireNonNull(hash, "hash");
        Optional<byte[]> encoded = bytesOf(password);
        if (encoded.isEmpty()) {
            return false;
        }
        byte[] bytes = encoded.get();
        try {
            if (bytes.length > MAX_PASSWORD_BYTES) {
                return false;
            }
            BCrypt.Result result = verifyer.verify(bytes, hash.getBytes(StandardCharsets.US_ASCII));
            return result.validFormat && result.verified;
        } catch (IllegalArgumentException e) {
            return false;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * The strict UTF-8 form: empty for text with an unpaired surrogate, which
     * {@link String#getBytes} would silently turn into {@code ?} (so that "\ud800x" and "?x"
     * would hash alike).
     */
    private static Optional<byte[]> bytesOf(String password) {
        Objects.requireNonNull(password, "password");
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(password));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            if (buffer.hasArray()) {
                Arrays.fill(buffer.array(), (byte) 0);
            }
            return Optional.of(bytes);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
