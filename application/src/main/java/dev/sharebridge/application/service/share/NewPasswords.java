package dev.sharebridge.application.service.share;

import dev.sharebridge.application.port.out.security.PasswordStrength;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.share.SharePasswordPolicy;
import dev.sharebridge.domain.share.ShareToken;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks every new share password passes, for owners' links and reshared ones alike: the
 * domain's rules of form, none of the link's tokens in it, and the strength estimator's verdict.
 */
public final class NewPasswords {
    private final PasswordStrength strength;

    public NewPasswords(PasswordStrength strength) {
        this.strength = Objects.requireNonNull(strength, "strength");
    }

    /**
     * Checks the form of a new password (cheap, before anything is looked up).
     *
     * @return its normalised form
     * @throws InvalidValueException naming field {@code password}
     */
    public String checkForm(String password) {
        return SharePasswordPolicy.check(password);
    }

    /**
     * Checks a password already in normal form against the tokens of the link (its own and, for a
     * reshared link, its parent's) and asks the estimator how guessable it is.
     *
     * @param context other words an attacker may know: user name, item name, label
     * @throws InvalidValueException naming field {@code password}, with the estimator's hint
     */
    public void checkGuessable(String normalised, Collection<ShareToken> tokens, List<String> context) {
        SharePasswordPolicy.checkNotToken(normalised, tokens);
        List<String> words = new ArrayList<>(context);
        tokens.forEach(t -> words.add(t.value()));
        Optional<String> weakness = strength.weakness(normalised, List.copyOf(words));
        if (weakness.isPresent()) {
            throw new InvalidValueException(Field.PASSWORD, "{field} is too easy to guess: " + weakness.get());
        }
    }
}
