package dev.sharebridge.domain.item;

import dev.sharebridge.domain.DisplayText;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated, normalised path of an item relative to some root (a user's space, a share's root,
 * a provider's root).
 *
 * <p>Segments are NFC-normalised and may not be empty, {@code .}, {@code ..}, contain {@code /},
 * {@code \}, NUL or other control characters, or be longer than 255 UTF-8 bytes. Because of
 * these rules an {@code ItemPath} can never escape the root it is resolved against. The textual
 * form is {@code /a/b/c}; the root is {@code /}.
 *
 * <p>Any name a storage can hold that follows these rules is a path, so items that exist stay
 * reachable. Names a user gives to new items must also pass {@link #checkNewNames()}.
 */
public final class ItemPath implements Comparable<ItemPath> {
    public static final int MAX_SEGMENT_BYTES = 255;
    public static final int MAX_DEPTH = 64;
    private static final ItemPath ROOT = new ItemPath(List.of());

    private final List<String> segments;

    private ItemPath(List<String> segments) {
        this.segments = segments;
    }

    public static ItemPath root() {
        return ROOT;
    }

    /**
     * Parses a {@code /}-separated path. One leading and one trailing slash are accepted and
     * ignored ({@code "/a/b/"} equals {@code "a/b"}); {@code ""} and {@code "/"} are the root.
     *
     * @throws InvalidValueException naming field {@code "path"} when a rule is broken
     */
    public static ItemPath parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text;
        if (t.startsWith("/")) {
            t = t.substring(1);
            if (t.startsWith("/")) {
                throw new InvalidValueException(Field.PATH, "{field} segments must not be empty");
            }
        }
        if (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.isEmpty()) {
            return ROOT;
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (true) {
            int slash = t.indexOf('/', start);
            String part = slash < 0 ? t.substring(start) : t.substring(start, slash);
            parts.add(checkSegment(part));
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        return of(parts);
    }

    /** A path made of already separate segments; each is checked like in {@link #parse}. */
    public static ItemPath of(List<String> segments) {
        if (segments.size() > MAX_DEPTH) {
            throw new InvalidValueException(Field.PATH, "{field} is deeper than " + MAX_DEPTH + " levels");
        }
        List<String> checked = new ArrayList<>(segments.size());
        for (String s : segments) {
            checked.add(checkSegment(s));
        }
        return checked.isEmpty() ? ROOT : new ItemPath(Collections.unmodifiableList(checked));
    }

    public static ItemPath of(String... segments) {
        return of(List.of(segments));
    }

    /** Checks one segment and returns its NFC form. */
    public static String checkSegment(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidValueException(Field.PATH, "{field} segments must not be empty");
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        if (s.equals(".") || s.equals("..")) {
            throw new InvalidValueException(Field.PATH, "{field} segments must not be '.' or '..'");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\') {
                throw new InvalidValueException(Field.PATH, "{field} segments must not contain '/' or '\\'");
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new InvalidValueException(Field.PATH, "{field} segments must not contain control characters");
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                throw new InvalidValueException(Field.PATH, "{field} segments must be valid Unicode");
            }
        }
        if (s.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw new InvalidValueException(
                    Field.PATH, "{field} segments must not exceed " + MAX_SEGMENT_BYTES + " bytes");
        }
        return s;
    }

    /**
     * Checks the rules that apply to names given to new items on top of those of every path: no
     * bidirectional controls ({@link DisplayText#BIDI_RULE}), which would make a name read
     * differently from what it is. Items that already have such a name stay reachable (and are
     * shown without them).
     *
     * @return this path
     * @throws InvalidValueException naming field {@code "path"} when a segment holds one
     */
    public ItemPath checkNewNames() {
        for (String s : segments) {
            if (DisplayText.hasBidiControl(s)) {
                throw new InvalidValueException(Field.PATH, "{field} segments " + DisplayText.BIDI_RULE);
            }
        }
        return this;
    }

    public List<String> segments() {
        return segments;
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public int depth() {
        return segments.size();
    }

    /** The last segment; empty for the root. */
    public String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    /** The parent; empty for the root. */
    public Optional<ItemPath> parent() {
        if (segments.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(segments.size() == 1 ? ROOT : new ItemPath(segments.subList(0, segments.size() - 1)));
    }

    public ItemPath resolve(String segment) {
        List<String> next = new ArrayList<>(segments);
        next.add(checkSegment(segment));
        return of(next);
    }

    public ItemPath resolve(ItemPath other) {
        if (other.isRoot()) {
            return this;
        }
        if (isRoot()) {
            return other;
        }
        List<String> next = new ArrayList<>(segments);
        next.addAll(other.segments);
        return of(next);
    }

    /** True when {@code prefix} is this path or one of its ancestors. */
    public boolean startsWith(ItemPath prefix) {
        return prefix.segments.size() <= segments.size()
                && segments.subList(0, prefix.segments.size()).equals(prefix.segments);
    }

    /** This path relative to {@code prefix}, which must be an ancestor or this path itself. */
    public ItemPath relativeTo(ItemPath prefix) {
        if (!startsWith(prefix)) {
            throw new IllegalArgumentException(this + " is not below " + prefix);
        }
        return prefix.segments.size() == segments.size()
                ? ROOT
                : new ItemPath(segments.subList(prefix.segments.size(), segments.size()));
    }

    /**
     * Where this path is after {@code from} (this path or one of its ancestors) moved to {@code
     * to}: the same place below {@code to}.
     */
    public ItemPath movedTo(ItemPath from, ItemPath to) {
        return to.resolve(relativeTo(from));
    }

    @Override
    public int compareTo(ItemPath o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ItemPath p && p.segments.equals(segments);
    }

    @Override
    public int hashCode() {
        return segments.hashCode();
    }

    /**
     * The wire form, relative to whatever root the path is resolved against: {@code a/b}; the
     * root is the empty string.
     */
    public String relative() {
        return String.join("/", segments);
    }

    /** {@code /a/b}; the root is {@code /}. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
