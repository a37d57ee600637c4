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
 * The addresses of a WebDAV space, both ways: its prefix ({@code /dav/} for the owner space,
 * {@code /dav/s/{token}/} for a link's, docs/reference.md §11) and the item paths below it. In the
 * owner space the first segment {@code s} is the share-link space's, so an owner's top-level item
 * of that name is not reachable there.
 */
final class DavPaths {
    static final String PREFIX = "/dav/";
    static final String SHARE_SPACE = "s";
    private static final String UNRESERVED = "-._~!$&'()*+,;=:@";

    private DavPaths() {}

    /** The prefix of a link's space. */
    static String linkPrefix(String token) {
        return PREFIX + SHARE_SPACE + "/" + encode(token) + "/";
    }

    /**
     * The href of an item below {@code prefix} (which ends with a slash): each segment
     * percent-encoded, a folder with a trailing slash (a shared file, the root of its link's
     * space, is the prefix without one).
     */
    static String href(String prefix, ItemPath path, boolean folder) {
        StringBuilder b = new StringBuilder(prefix);
        for (String segment : path.segments()) {
            b.append(encode(segment)).append('/');
        }
        if (!folder) {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    private static String encode(String segment) {
        StringBuilder b = new StringBuilder();
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
        return b.toString();
    }

    /**
     * The item a URI of the space at {@code prefix} names ({@code Destination}, an {@code If}
     * tag): an absolute URI of this server or an absolute path; empty when it is not in that
     * space (another space, a path that does not parse, such as one with {@code ..}). In the owner
     * space the share-link space is another space.
     *
     * @param host the request's {@code Host}, which an absolute URI must name
     */
    static Optional<ItemPath> parse(String uri, String host, String prefix) {
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
        String bare = prefix.substring(0, prefix.length() - 1);
        if (raw == null || !(raw.equals(bare) || raw.startsWith(prefix))) {
            return Optional.empty();
        }
        String rest = raw.length() <= prefix.length() ? "" : raw.substring(prefix.length());
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
        return prefix.equals(PREFIX) && reserved(path) ? Optional.empty() : Optional.of(path);
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
                // a raw character outside ASCII (some clients send them unencoded), whole code
                // points: a character outside the BMP is two chars here
                int codePoint = raw.codePointAt(i);
                if (Character.isSurrogate(c) && Character.charCount(codePoint) == 1) {
                    throw bad(); // a lone surrogate is no character
                }
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
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
