package dev.sharebridge.bootstrap.config;

import java.util.List;

/**
 * A configuration that cannot be used, with every problem found (not just the first), each as
 * {@code FILE:LINE: [section] key: message} or {@code environment VARIABLE: [section] key: message}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Kept as an immutable list; messages never contain a configured secret value. */
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join(System.lineSeparator(), problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in file-line order, then the environment variables by name. */
    public List<String> problems() {
        return problems;
    }
}
