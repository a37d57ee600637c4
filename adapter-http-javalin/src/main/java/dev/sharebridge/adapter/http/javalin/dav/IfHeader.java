package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.adapter.http.javalin.internal.HttpProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code If} request header (RFC 4918 §10.4): lists of conditions on lock tokens and entity
 * tags, each list for the request's resource or for the one its tag names. The header holds when
 * one of its lists does; the lock tokens it names are those the client submits for the locks on
 * what the request changes.
 */
final class IfHeader {
    /** One condition: a lock token or an entity tag, possibly negated. */
    record Condition(boolean not, Optional<String> token, Optional<String> etag) {}

    /** One list, for the resource {@code tag} names (a URI as sent) or for the request's when empty. */
    record ConditionList(Optional<String> tag, List<Condition> conditions) {}

    private final List<ConditionList> lists;

    private IfHeader(List<ConditionList> lists) {
        this.lists = lists;
    }

    /** No header: nothing to hold, no tokens submitted. */
    static IfHeader none() {
        return new IfHeader(List.of());
    }

    boolean isPresent() {
        return !lists.isEmpty();
    }

    List<ConditionList> lists() {
        return lists;
    }

    /** The lock tokens the client names (not negated). */
    List<String> tokens() {
        List<String> out = new ArrayList<>();
        for (ConditionList l : lists) {
            for (Condition c : l.conditions()) {
                if (!c.not()) {
                    c.token().ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /**
     * Whether the header holds. {@code etag} gives a resource's current entity tag (empty when it
     * does not exist), {@code lockToken} whether a token is a live lock of that resource; both take
     * a list's tag (empty for the request's resource).
     */
    boolean holds(
            Function<Optional<String>, Optional<String>> etag,
            java.util.function.BiPredicate<Optional<String>, String> lockToken) {
        if (lists.isEmpty()) {
            return true;
        }
        for (ConditionList l : lists) {
            Predicate<Condition> met = c -> {
                boolean value = c.token().isPresent()
                        ? lockToken.test(l.tag(), c.token().get())
                        : etag.apply(l.tag())
                                .map(e -> weakEquals(e, c.etag().orElseThrow()))
                                .orElse(false);
                return value != c.not();
            };
            if (l.conditions().stream().allMatch(met)) {
                return true;
            }
        }
        return false;
    }

    private static boolean weakEquals(String a, String b) {
        return bare(a).equals(bare(b));
    }

    private static String bare(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /** Parses the header; a malformed one is a 400. */
    static IfHeader parse(String header) {
        List<ConditionList> lists = new ArrayList<>();
        int i = 0;
        int n = header.length();
        Optional<String> tag = Optional.empty();
        while (true) {
            i = skip(header, i);
            if (i >= n) {
                break;
            }
            char c = header.charAt(i);
            if (c == '<') {
                int end = header.indexOf('>', i);
                if (end < 0) {
                    throw bad();
                }
                tag = Optional.of(header.substring(i + 1, end));
                i = end + 1;
            } else if (c == '(') {
                List<Condition> conditions = new ArrayList<>();
                i++;
                while (true) {
                    i = skip(header, i);
                    if (i >= n) {
                        throw bad();
                    }
                    if (header.charAt(i) == ')') {
                        i++;
                        break;
                    }
                    boolean not = false;
                    if (header.regionMatches(true, i, "Not", 0, 3)) {
                        not = true;
                        i = skip(header, i + 3);
                    }
                    if (i >= n) {
                        throw bad();
                    }
                    char open = header.charAt(i);
                    char close = open == '<' ? '>' : open == '[' ? ']' : 0;
                    int end = close == 0 ? -1 : header.indexOf(close, i + 1);
                    if (end < 0) {
                        throw bad();
                    }
                    String value = header.substring(i + 1, end);
                    conditions.add(
                            open == '<'
                                    ? new Condition(not, Optional.of(value), Optional.empty())
                                    : new Condition(not, Optional.empty(), Optional.of(value)));
                    i = end + 1;
                }
                if (conditions.isEmpty()) {
                    throw bad();
                }
                lists.add(new ConditionList(tag, List.copyOf(conditions)));
            } else {
                throw bad();
            }
        }
        if (lists.isEmpty()) {
            throw bad();
        }
        return new IfHeader(List.copyOf(lists));
    }

    private static int skip(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static HttpProblem bad() {
        return new HttpProblem(400, "bad_request", "the If header is malformed", Map.of());
    }
}
