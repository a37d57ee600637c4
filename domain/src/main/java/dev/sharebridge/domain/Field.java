package dev.sharebridge.domain;

/**
 * The inputs that the rules of the domain and the application check, by their names in the
 * domain's own language (the names of the Java components they end up in). A driving adapter that
 * reports an {@link InvalidValueException} in its own words maps each of them to the name its
 * clients use (the HTTP adapter: one table of snake_case names), so the hexagon never needs to
 * know how a field is spelled on a wire.
 */
public enum Field {
    PATH("path"),
    ITEM_TYPE("itemType"),
    PERMISSIONS("permissions"),
    PASSWORD("password"),
    EXPIRES_AT("expiresAt"),
    MAX_ACCESSES("maxAccesses"),
    MAX_UPLOAD_BYTES("maxUploadBytes"),
    MAX_FILE_BYTES("maxFileBytes"),
    LABEL("label"),
    TITLE("title"),
    DISPLAY_NAME("displayName"),
    USER("user"),
    ID("id"),
    RANGE("range"),
    LIMIT("limit"),
    CURSOR("cursor");

    private final String domainName;

    Field(String domainName) {
        this.domainName = domainName;
    }

    /** The field's name in the domain, e.g. {@code "expiresAt"}: what {@link InvalidValueException#field()} says. */
    public String domainName() {
        return domainName;
    }
}
