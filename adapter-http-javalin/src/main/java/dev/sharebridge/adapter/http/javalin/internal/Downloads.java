package dev.sharebridge.adapter.http.javalin.internal;

import dev.sharebridge.domain.DisplayText;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.storage.ItemContent;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Sending a file: conditional requests (ETag / If-None-Match), a single byte range, a safe
 * {@code Content-Disposition}, and streaming straight from storage to the socket.
 */
public final class Downloads {
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";

    private Downloads() {}

    /** The strong, quoted entity tag of an item (characters not allowed in an ETag are replaced). */
    public static String etag(StoredItem item) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : item.etag().toCharArray()) {
            sb.append(c >= 0x23 && c <= 0x7e || c == 0x21 ? c : '_');
        }
        return sb.append('"').toString();
    }

    /** Whether {@code If-None-Match} names the current version (weak comparison, as RFC 9110 asks). */
    public static boolean notModified(Context ctx, String etag) {
        String inm = ctx.header("If-None-Match");
        if (inm == null) {
            return false;
        }
        if (inm.strip().equals("*")) {
            return true;
        }
        String bare = stripWeak(etag);
        for (String candidate : inm.split(",")) {
            if (stripWeak(candidate.strip()).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    private static String stripWeak(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /**
     * The single range the client asked for, resolved against {@code size}; empty for the whole
     * file (no Range, a multi-range, a syntactically invalid one, or a stale If-Range).
     *
     * @throws HttpProblem 416 when the range lies outside the file
     */
    public static Optional<ByteRange> range(Context ctx, long size, String etag) {
        String header = ctx.header("Range");
        if (header == null) {
            return Optional.empty();
        }
        String ifRange = ctx.header("If-Range");
        if (ifRange != null && !ifRange.strip().equals(etag)) {
            return Optional.empty();
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return Optional.empty();
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (spec.contains(",") || dash < 0) {
            return Optional.empty();
        }
        String a = spec.substring(0, dash).strip();
        String b = spec.substring(dash + 1).strip();
        if (a.isEmpty()) {
            long n = number(b);
            if (n < 0) {
                return Optional.empty();
            }
            if (n == 0 || size == 0) {
                throw HttpProblem.rangeNotSatisfiable(size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - n), size - 1));
        }
        long first = number(a);
        long last = b.isEmpty() ? Long.MAX_VALUE : number(b);
        if (first < 0 || last < 0 || last < first) {
            return Optional.empty();
        }
        if (first >= size) {
            throw HttpProblem.rangeNotSatisfiable(size);
        }
        return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
    }

    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }

    /**
     * {@code attachment} with an ASCII fallback and the UTF-8 name; safe for any input. Bidirectional
     * controls are left out of the name ({@link DisplayText#withoutBidiControls}), so a saved file
     * is never called something it only seems to be.
     */
    public static String contentDisposition(String name) {
        return disposition("attachment", name);
    }

    /** As {@link #contentDisposition}, {@code inline} or {@code attachment}. */
    static String disposition(String kind, String name) {
        String stripped = name == null ? "" : DisplayText.withoutBidiControls(name);
        String n = stripped.isBlank() ? "download" : stripped;
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            boolean safe = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' && c != ';' && c != '%';
            ascii.append(safe ? c : '_');
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : n.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || ATTR_CHARS.indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** The policy of every file answer: a sandbox without any source, so nothing in it runs. */
    public static final String FILE_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

    /**
     * The policy of an inline answer: as {@link #FILE_CSP}, but our own pages may frame it (the
     * viewer), and an image or a video opened on its own may show itself. PDFs get it too:
     * Chromium's viewer draws a sandboxed PDF (SharePageBrowserTest checks that it does).
     */
    public static final String INLINE_CSP =
            "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'self'";

    /** Whether the request asks for the file inline ({@code ?inline=1}, or {@code true}). */
    public static boolean inlineAsked(Context ctx) {
        String v = ctx.queryParam("inline");
        return v != null && (v.equals("1") || v.equals("true"));
    }

    /** Headers of a 200/206 answer for {@code item} and {@code range} as an attachment. */
    public static void headers(Context ctx, StoredItem item, Optional<ByteRange> range) {
        headers(ctx, item, range, false);
    }

    /**
     * Headers of a 200/206 answer for {@code item} and {@code range} (also what HEAD returns):
     * inline only where {@link MediaTypes#serve} allows it.
     */
    public static void headers(Context ctx, StoredItem item, Optional<ByteRange> range, boolean inlineAsked) {
        HttpServletResponse res = ctx.res();
        MediaTypes.Served served = MediaTypes.serve(item.name(), inlineAsked);
        res.setStatus(range.isPresent() ? 206 : 200);
        res.setContentType(served.contentType());
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Content-Security-Policy", policy(served));
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("ETag", etag(item));
        res.setHeader(
                "Last-Modified",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(item.modifiedAt().atOffset(ZoneOffset.UTC)));
        res.setHeader("Content-Disposition", disposition(served.inline() ? "inline" : "attachment", item.name()));
        range.ifPresent(r -> res.setHeader("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + item.size()));
        res.setContentLengthLong(range.map(ByteRange::length).orElse(item.size()));
    }

    private static String policy(MediaTypes.Served served) {
        return served.inline() ? INLINE_CSP : FILE_CSP;
    }

    /** 304 with the validator, no body. */
    public static void notModifiedResponse(Context ctx, StoredItem item) {
        ctx.res().setStatus(304);
        ctx.res().setHeader("ETag", etag(item));
    }

    /** Streams an opened file with its headers as an attachment; the stream is always closed. */
    public static void send(Context ctx, ItemContent content) throws IOException {
        send(ctx, content, false);
    }

    /** Streams an opened file with its headers (inline if asked and allowed); the stream is always closed. */
    public static void send(Context ctx, ItemContent content, boolean inlineAsked) throws IOException {
        try (ItemContent c = content) {
            headers(ctx, c.item(), c.range(), inlineAsked);
            OutputStream out = ctx.res().getOutputStream();
            InputStream in = c.stream();
            in.transferTo(out);
            out.flush();
        }
    }
}
