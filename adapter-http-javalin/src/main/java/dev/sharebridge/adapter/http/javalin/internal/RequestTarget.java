package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.domain.InvalidValueException;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a request whose path or query string is not percent-encoded UTF-8, before any route
 * decodes it. Javalin's decoder threw on {@code %u0041} (a 500), turned bytes that are not
 * UTF-8 into U+FFFD (so {@code bad%fe.txt} and {@code bad%ff.txt} named the same file) and
 * silently dropped query parameters it could not decode. Every escape must be {@code %} and two
 * hex digits, and each run of escapes must decode to UTF-8 under a strict decoder (no overlong
 * forms, no surrogates, no replacement). Jetty turns raw bytes that are not UTF-8 into U+FFFD
 * before we see them, so a raw U+FFFD is refused too; encoded ({@code %EF%BF%BD}) it is a
 * character like any other.
 */
public final class RequestTarget {
    static final String PATH_DETAIL = "the request path must be UTF-8, percent-encoded as % and two hex digits";
    static final String QUERY_DETAIL = "the query string must be UTF-8, percent-encoded as % and two hex digits";
    private static final char REPLACEMENT = '\uFFFD';

    private RequestTarget() {}

    /** @throws InvalidValueException (400 validation_failed) when the path or the query is malformed */
    public static void check(Context ctx) {
        if (!isWellFormed(ctx.req().getRequestURI())) {
            throw new InvalidValueException("path", PATH_DETAIL);
        }
        checkQuery(ctx);
    }

    /** The query string alone, for the WebSocket upgrade, whose path is fixed. */
    public static void checkQuery(Context ctx) {
        if (!isWellFormed(ctx.req().getQueryString())) {
            throw new InvalidValueException("query", QUERY_DETAIL);
        }
    }

    /** Whether {@code raw} (a path or query as sent, escapes not decoded) is percent-encoded UTF-8. */
    static boolean isWellFormed(String raw) {
        if (raw == null) {
            return true;
        }
        int n = raw.length();
        int i = 0;
        while (i < n) {
            char c = raw.charAt(i);
            if (c == REPLACEMENT) {
                return false;
            }
            if (c != '%') {
                i++;
                continue;
            }
            // a run of escapes is one byte sequence: a character may take up to four of them
            int start = i;
            boolean ascii = true;
            while (i < n && raw.charAt(i) == '%') {
                if (i + 2 >= n || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    return false;
                }
                ascii &= hex(raw.charAt(i + 1)) < 8;
                i += 3;
            }
            if (!ascii && !isUtf8(raw, start, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8(String raw, int start, int end) {
        byte[] bytes = new byte[(end - start) / 3];
        for (int k = 0; k < bytes.length; k++) {
            int at = start + 3 * k;
            bytes[k] = (byte) (hex(raw.charAt(at + 1)) << 4 | hex(raw.charAt(at + 2)));
        }
        try {
            // a fresh decoder reports malformed input instead of replacing it
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
