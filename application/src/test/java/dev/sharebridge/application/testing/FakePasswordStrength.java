package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.security.PasswordStrength;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A stand-in for the strength estimator: a few well-known weak passwords, and any password that
 * is one of the context words, are too easy to guess. Records the context it was last given.
 */
public final class FakePasswordStrength implements PasswordStrength {
    public static final Set<String> WEAK = Set.of("password2024", "welcome2024", "qwertzuiop", "1234567890");
    private volatile List<String> lastContext = List.of();

    @Override
    public Optional<String> weakness(String password, List<String> context) {
        lastContext = context;
        String lower = password.toLowerCase(Locale.ROOT);
        if (WEAK.contains(lower)) {
            return Optional.of("This is a very common password.");
        }
        if (context.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).equals(lower))) {
            return Optional.of("Avoid words that belong to the link.");
        }
        return Optional.empty();
    }

    public List<String> lastContext() {
        return lastContext;
    }
}
