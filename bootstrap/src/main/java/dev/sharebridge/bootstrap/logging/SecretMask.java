package dev.sharebridge.bootstrap.logging;

import org.jspecify.annotations.Nullable;

/**
 * The last line of defence against secrets in the log, applied to every message and stack trace
 * the shipped logback.xml writes, whatever logged it (Jetty, Javalin, a library, us). Sources are
 * fixed where they are found (our lines name route templates, never paths); this catches what a
 * library quotes from a request: the path segment after {@code /s/} (a share token, in
 * {@code /api/s/}, {@code /s/}, {@code /dav/s/} and NextCloud's own {@code /s/} links alike), the
 * value of {@code ticket=} (a signaling ticket) and of a {@code sb_grant_…=} cookie, and the
 * credentials after {@code Bearer } and {@code Basic }. Each becomes {@code ***}; a route template
 * ({@code /api/s/{token}}) stays as it is. A plain scan, no regular expression: it runs for every
 * line, the access log's included, and costs a few {@code indexOf} on a line without a trigger.
 */
final class SecretMask {
    static final String MASK = "***";

    /** What comes before a secret, and how the secret ends. */
    private enum Trigger {
        SEGMENT("/s/"),
        TICKET("ticket="),
        GRANT_COOKIE("sb_grant_"),
        BEARER("Bearer "),
        BASIC("Basic ");

        final String prefix;

        Trigger(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Trigger[] TRIGGERS = Trigger.values();
    /** Shorter than this after Bearer/Basic is a word ("Basic auth"), not a credential. */
    private static final int MIN_CREDENTIAL = 8;

    private static final int GRANT_COOKIE_HEX = 8;

    private SecretMask() {}

    static String mask(String text) {
        if (text == null || !hasTrigger(text)) {
            return text;
        }
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            Trigger t = triggerAt(text, i);
            if (t == null) {
                out.append(text.charAt(i++));
                continue;
            }
            out.append(t.prefix);
            i += t.prefix.length();
            int start = secretStart(text, i, t, out);
            if (start < 0) {
                continue; // not a secret after all: the scan goes on from here
            }
            i = start;
            int end = i;
            while (end < n && !isDelimiter(text.charAt(end), t == Trigger.SEGMENT)) {
                end++;
            }
            boolean credential = t == Trigger.BEARER || t == Trigger.BASIC;
            if (end > i && (!credential || end - i >= MIN_CREDENTIAL)) {
                out.append(MASK);
                i = end;
            }
        }
        return out.toString();
    }

    /**
     * Where the secret after trigger {@code t} (which ended at {@code i}) starts, appending what
     * comes between; -1 when what follows is no secret.
     */
    private static int secretStart(String text, int i, Trigger t, StringBuilder out) {
        int n = text.length();
        if (t == Trigger.SEGMENT) {
            while (i < n && text.charAt(i) == '/') { // the router takes /s//token for /s/token
                out.append('/');
                i++;
            }
            return i < n && text.charAt(i) == '{' ? -1 : i; // a route template
        }
        if (t == Trigger.GRANT_COOKIE) {
            int j = i;
            while (j < n && j - i < GRANT_COOKIE_HEX && Character.digit(text.charAt(j), 16) >= 0) {
                j++;
            }
            if (j - i != GRANT_COOKIE_HEX || j >= n || text.charAt(j) != '=') {
                return -1;
            }
            out.append(text, i, j + 1);
            return j + 1;
        }
        return i;
    }

    private static boolean hasTrigger(String text) {
        for (Trigger t : TRIGGERS) {
            if (text.contains(t.prefix)) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable Trigger triggerAt(String text, int i) {
        char c = text.charAt(i);
        for (Trigger t : TRIGGERS) {
            if (c == t.prefix.charAt(0) && text.startsWith(t.prefix, i)) {
                return t;
            }
        }
        return null;
    }

    private static boolean isDelimiter(char c, boolean pathSegment) {
        return Character.isWhitespace(c)
                || c == '"'
                || c == '\''
                || c == '`'
                || c == ']'
                || c == '['
                || c == ')'
                || c == '('
                || c == '<'
                || c == '>'
                || c == ','
                || c == ';'
                || c == '|'
                || c == '\\'
                || c == '&'
                || c == '#'
                || c == '?'
                || pathSegment && c == '/';
    }
}
