package dev.sharebridge.domain.share;

import dev.sharebridge.domain.DisplayText;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of form a share password must follow: valid Unicode, NFC-normalised, 10 to 72 UTF-8
 * bytes (bcrypt ignores anything past 72 bytes, so longer ones are refused rather than silently
 * cut), no control characters, and not containing a token of the link (which is in its address).
 * How guessable a password is, is judged outside the domain, by the application's strength port.
 */
public final class SharePasswordPolicy {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_BYTES = 72;

    private SharePasswordPolicy() {}

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
            throw new InvalidValueException(Field.PASSWORD, "{field} must be a string");
        }
        // a lone surrogate has no UTF-8 form: it would be hashed as '?', like every other one
        if (!DisplayText.isValidUnicode(password)) {
            throw new InvalidValueException(
                    Field.PASSWORD, "{field} must be valid Unicode text (no unpaired surrogates)");
        }
        String p = normalize(password);
        if (p.codePointCount(0, p.length()) < MIN_LENGTH) {
            throw new InvalidValueException(
                    Field.PASSWORD, "{field} must be at least " + MIN_LENGTH + " characters long");
        }
        if (p.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidValueException(Field.PASSWORD, "{field} must not exceed " + MAX_BYTES + " bytes in UTF-8");
        }
        for (int i = 0; i < p.length(); i++) {
            if (Character.isISOControl(p.charAt(i))) {
                throw new InvalidValueException(Field.PASSWORD, "{field} must not contain control characters");
            }
        }
        return p;
    }

    /**
     * Refuses a password that contains one of the tokens (in any case): a token is part of the
     * link's address, so everyone who has the link would also have the password.
     *
     * @param password an already {@linkplain #check checked} password
     * @throws InvalidValueException naming field {@code password}
     */
    public static void checkNotToken(String password, Collection<ShareToken> tokens) {
        String lower = password.toLowerCase(Locale.ROOT);
        for (ShareToken t : tokens) {
            if (lower.contains(t.value().toLowerCase(Locale.ROOT))) {
                throw new InvalidValueException(
                        Field.PASSWORD,
                        "password must not contain the token of the link: the token is part of the link's address");
            }
        }
    }

    /**
     * A password given at verification in the form it would have been hashed in; empty for one
     * that no link can have (empty, over {@link #MAX_BYTES}, or not valid Unicode), which is
     * simply wrong.
     */
    public static Optional<String> verifiable(String password) {
        if (password == null
                || password.isEmpty()
                || password.length() > MAX_BYTES
                || !DisplayText.isValidUnicode(password)) {
            // more chars than bytes allowed: too long whatever the encoding, and never normalised
            return Optional.empty();
        }
        String p = normalize(password);
        return p.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES ? Optional.empty() : Optional.of(p);
    }
}
