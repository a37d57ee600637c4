package dev.sharebridge.adapter.http.javalin.dav;

import dev.sharebridge.adapter.http.javalin.internal.HttpProblem;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses of the owner space: {@code /dav/} and the item paths below it, both ways. The
 * first segment {@code s} is the share-link space's ({@code /dav/s/{token}/}, docs/reference.md §11), so an
 * owner's top-level item of that name is not reachable here.
 */
final class DavPaths {
    static final String PREFIX = "/dav/";
    static final String SHARE_SPACE = "s";
    private static final String UNRESERVED = "-._~!$&'()*+,;=:@";

    private DavPaths() {}

    /** The href of an item: each segment percent-encoded, a folder with a trailing slash. */
    static String href(ItemPath path, boolean folder) {
        StringBuilder b = new StringBuilder(PREFIX);
        for (String segment : path.segments()) {
            for (byte x : segment.getBytes(StandardCharsets.UTF_8)) {
                int c = x & 0xff;
                if ((c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || UNRESERVED.indexOf(c) >= 0) {
                    b.append((char) c);
                } else {
                    b.append('%')
                            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
                }
            }
            b.append('/');
        }
        if (!folder && !path.isRoot()) {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    /**
     * The item a URI of the owner space names ({@code Destination}, an {@code If} tag): an
     * absolute URI of this server or an absolute path; empty when it is not in the owner space.
     *
     * @param host the request's {@code Host}, which an absolute URI must name
     */
    static Optional<ItemPath> parse(String uri, String host) {
        String raw;
        try {
            URI u = new URI(uri.strip());
            if (u.getRawAuthority() != null && !u.getRawAuthority().equalsIgnoreCase(host)) {
                return Optional.empty();
            }
            raw = u.getRawPath();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (raw == null || !(raw.equals("/dav") || raw.startsWith(PREFIX))) {
            return Optional.empty();
        }
        String rest = raw.length() <= PREFIX.length() ? "" : raw.substring(PREFIX.length());
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.isEmpty()) {
            return Optional.of(ItemPath.root());
        }
        ItemPath path;
        try {
            path = ItemPath.parse(decode(rest));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
        return reserved(path) ? Optional.empty() : Optional.of(path);
    }

    /** Whether the path is in the share-link space rather than the owner's. */
    static boolean reserved(ItemPath path) {
        return !path.isRoot() && path.segments().get(0).equals(SHARE_SPACE);
    }

    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw bad();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw bad();
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad();
        }
    }

    private static HttpProblem bad() {
        return new HttpProblem(400, "bad_request", "the address must be UTF-8, percent-encoded", Map.of());
    }
}
