package dev.sharebridge.application.port.in.share;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One field of a partial update: left unchanged (absent in the request), cleared ({@code null}),
 * or set to a value.
 */
public sealed interface FieldUpdate<T> {

    record Unchanged<T>() implements FieldUpdate<T> {}

    record Clear<T>() implements FieldUpdate<T> {}

    record Set<T>(T value) implements FieldUpdate<T> {
        public Set {
            Objects.requireNonNull(value, "value");
        }
    }

    static <T> FieldUpdate<T> unchanged() {
        return new Unchanged<>();
    }

    static <T> FieldUpdate<T> clear() {
        return new Clear<>();
    }

    static <T> FieldUpdate<T> set(T value) {
        return new Set<>(value);
    }

    /** The field's new value given its current one. */
    default Optional<T> applyTo(Optional<T> current) {
        if (this instanceof Set<T> s) {
            return Optional.of(s.value());
        }
        return this instanceof Clear<T> ? Optional.empty() : current;
    }

    default <R> FieldUpdate<R> map(Function<T, R> f) {
        if (this instanceof Set<T> s) {
            return new Set<>(f.apply(s.value()));
        }
        return this instanceof Clear<T> ? new Clear<>() : new Unchanged<>();
    }
}
