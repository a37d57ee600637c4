package dev.sharebridge.bootstrap.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every configuration problem so that one run reports all of them. */
final class Problems {
    private record Problem(Origin origin, String text) {}

    private final List<Problem> problems = new ArrayList<>();

    void add(Origin origin, String section, String key, String message) {
        String where = key == null ? "[" + section + "]" : "[" + section + "] " + key;
        problems.add(new Problem(origin, origin.label() + ": " + where + ": " + message));
    }

    void addRaw(Origin origin, String text) {
        problems.add(new Problem(origin, origin.label() + ": " + text));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** File problems by line first, then environment variables by name. */
    List<String> sorted() {
        return problems.stream()
                .sorted(Comparator.comparing((Problem p) -> p.origin().environment())
                        .thenComparing(p -> p.origin().source())
                        .thenComparingInt(p -> p.origin().line()))
                .map(Problem::text)
                .toList();
    }

    void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(sorted());
        }
    }
}
