package dev.sharebridge.domain.share;

import dev.sharebridge.domain.InvalidValueException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a share password must follow: NFC-normalised, 10 to 72 UTF-8 bytes (bcrypt ignores
 * anything past 72 bytes, so longer ones are refused rather than silently cut), no control
 * characters, not in the list of common passwords shipped with the domain.
 */
public final class SharePasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = loadCommon();

    private SharePasswordPolicy() {
    }

    /** The NFC form every password is hashed and verified in. */
    public static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFC);
    }

    /**
     * Checks a new password and returns its normalised form.
     *
     * @throws InvalidValueException naming field {@code password} with a message safe to show
     */
    public static String check(String password) {
        if (password == null) {
            throw new InvalidValueException("password", "password must be a string");
        }
        String p = normalize(password);
        if (p.codePointCount(0, p.length()) < MIN_LENGTH) {
            throw new InvalidValueException("password", "password must be at least " + MIN_LENGTH + " characters long");
        }
        if (p.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidValueException("password", "password must not exceed " + MAX_BYTES + " bytes in UTF-8");
        }
        for (int i = 0; i < p.length(); i++) {
            if (Character.isISOControl(p.charAt(i))) {
                throw new InvalidValueException("password", "password must not contain control characters");
            }
        }
        if (isCommon(p)) {
            throw new InvalidValueException("password", "password is too common; choose one that is harder to guess");
        }
        return p;
    }

    /** Whether the password (case-insensitively) is a well-known one or a trivial repetition. */
    public static boolean isCommon(String password) {
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            return true;
        }
        return lower.codePoints().distinct().count() <= 2;
    }

    private static Set<String> loadCommon() {
        Set<String> set = new HashSet<>();
        try (InputStream in = SharePasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt missing from the domain jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    set.add(line.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(set);
    }
}
