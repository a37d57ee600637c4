package dev.sharebridge.domain;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a value object or entity is given input that breaks one of its rules.
 *
 * <p>The rules of the hexagon name the offending input as a {@link Field}, and their messages
 * name it only through the placeholder {@value #FIELD} ({@code "{field} must be in the future"}):
 * {@link #getMessage()} fills in the domain's name ({@code "expiresAt must be in the future"}), a
 * driving adapter fills in the name its clients use with {@link #messageNaming} (HTTP:
 * {@code "expires_at must be in the future"}), without parsing the message. An adapter checking
 * an input of its own (a JSON property, a header, a setting) names it with a plain string and
 * words the message as it reports it. Messages never contain secrets.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    /** Where a message names its field. */
    public static final String FIELD = "{field}";

    private final String field;
    private final @Nullable Field domainField;
    private final String template;
    private final boolean literal;

    /** An input of the domain's; {@code template} names it as {@value #FIELD}, if at all. */
    public InvalidValueException(Field field, String template) {
        this(field.domainName(), field, template, false);
    }

    /**
     * An input outside the domain's vocabulary, named as its checker's callers spell it (an
     * adapter's own input, a setting), with a message taken as it is.
     */
    public InvalidValueException(String field, String message) {
        this(field, null, message, true);
    }

    private InvalidValueException(String field, @Nullable Field domainField, String template, boolean literal) {
        super(literal ? template : template.replace(FIELD, field));
        this.field = Objects.requireNonNull(field, "field");
        this.domainField = domainField;
        this.template = template;
        this.literal = literal;
    }

    /**
     * An input of the domain's with a message taken as it is, not as a template: one made
     * elsewhere (a storage's refusal), which may hold names a user chose.
     */
    public static InvalidValueException withMessage(Field field, @Nullable String message) {
        return new InvalidValueException(field.domainName(), field, message == null ? "invalid value" : message, true);
    }

    /** The offending input's name: the {@link Field#domainName()} of a domain field (e.g. {@code "expiresAt"}). */
    public String field() {
        return field;
    }

    /** The offending input as a field of the domain; empty for an input named with a plain string. */
    public Optional<Field> domainField() {
        return Optional.ofNullable(domainField);
    }

    /** The message with the field named {@code name}: how an adapter reports it in its own words. */
    public String messageNaming(String name) {
        return literal ? template : template.replace(FIELD, name);
    }
}
