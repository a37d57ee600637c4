package dev.sharebridge.bootstrap.security;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import dev.sharebridge.application.port.out.security.PasswordStrength;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Share-password strength with zxcvbn (zxcvbn4j): it knows the common password lists, names,
 * words, keyboard walks, dates and repetitions, and estimates how many guesses a password takes.
 * Passwords below {@link #MIN_SCORE} are refused with zxcvbn's own hint.
 */
public final class ZxcvbnPasswordStrength implements PasswordStrength {
    /**
     * zxcvbn's score 3: at least 10^8 guesses, "safely unguessable" for an online attacker, which
     * is what a share link faces (verify is throttled, bcrypt is slow). It refuses the common lists
     * ({@code Password2024}, {@code welcome2024}, {@code qwertzuiop}) and accepts a passphrase of a
     * few words ({@code a long passphrase}: score 4).
     */
    public static final int MIN_SCORE = 3;

    private static final String GENERIC_HINT = "add another word or two; uncommon words are better";

    /** Loading the word lists takes a moment; the instance is immutable and shared by all threads. */
    private final Zxcvbn zxcvbn = new Zxcvbn();

    @Override
    public Optional<String> weakness(String password, List<String> context) {
        List<String> inputs = new ArrayList<>();
        for (String word : context) {
            if (!word.isBlank()) {
                inputs.add(word.toLowerCase(Locale.ROOT));
            }
        }
        Strength strength = zxcvbn.measure(password, inputs);
        if (strength.getScore() >= MIN_SCORE) {
            return Optional.empty();
        }
        return Optional.of(hint(strength.getFeedback()));
    }

    /**
     * zxcvbn's warning and suggestions from its base (English) messages whatever the server's
     * locale, like every other answer; they describe patterns and never quote the password.
     */
    private static String hint(Feedback feedback) {
        StringBuilder sb = new StringBuilder();
        String warning = feedback.getWarning(Locale.ROOT);
        if (warning != null && !warning.isBlank()) {
            sb.append(warning.strip());
        }
        for (String s : feedback.getSuggestions(Locale.ROOT)) {
            if (s != null && !s.isBlank()) {
                sb.append(sb.length() == 0 ? "" : " ").append(s.strip());
            }
        }
        return sb.length() == 0 ? GENERIC_HINT : sb.toString();
    }
}
