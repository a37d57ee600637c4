package dev.sharebridge.application.port.out.security;

import java.util.List;
import java.util.Optional;

/**
 * Judges how easy a new share password is to guess (a strength estimator with the common
 * password lists in production). The domain checks only a password's form; this port keeps the
 * word lists and their library out of it.
 */
public interface PasswordStrength {

    /**
     * Why {@code password} is too easy to guess, worded for the person choosing it and never
     * quoting it; empty when it is strong enough.
     *
     * @param password an NFC-normalised password that follows the domain's rules of form
     * @param context words an attacker may know (user name, item name, label, tokens): a
     *     password made of them counts as guessed
     */
    Optional<String> weakness(String password, List<String> context);
}
