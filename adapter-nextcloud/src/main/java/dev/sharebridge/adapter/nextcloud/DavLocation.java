package dev.sharebridge.adapter.nextcloud;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Turns provider paths into NextCloud URLs and PROPFIND hrefs back into provider paths.
 *
 * <p>Every segment is percent-encoded on its own (all but RFC 3986 unreserved characters), so a
 * name can never add a level, a query or a fragment; each URL is checked to stay under the root
 * {@code {base}/remote.php/dav/files/{user}/{directory}} anyway.
 */
final class DavLocation {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final HttpUrl base;
    private final ItemPath directory;
    /** Encoded path of the provider root, without a trailing slash. */
    private final String rootPath;
    /** Decoded segments of {@link #rootPath}. */
    private final List<String> rootSegments;

    DavLocation(NextcloudSettings settings) {
        this.base = settings.base();
        this.directory = settings.directoryPath();
        List<String> segments = new ArrayList<>(base.pathSegments());
        segments.removeIf(String::isEmpty);
        segments.add("remote.php");
        segments.add("dav");
        segments.add("files");
        segments.add(settings.username());
        segments.addAll(directory.segments());
        this.rootSegments = List.copyOf(segments);
        StringBuilder p = new StringBuilder();
        for (String s : segments) {
            p.append('/').append(encodeSegment(s));
        }
        this.rootPath = p.toString();
    }

    HttpUrl base() {
        return base;
    }

    ItemPath directory() {
        return directory;
    }

    /** The WebDAV URL of an item (no trailing slash, also for folders: NextCloud accepts both). */
    HttpUrl url(ItemPath path) {
        StringBuilder p = new StringBuilder(rootPath);
        for (String s : path.segments()) {
            p.append('/').append(encodeSegment(s));
        }
        String encodedPath = p.toString();
        HttpUrl url = base.newBuilder().encodedPath(encodedPath).build();
        if (!url.encodedPath().equals(encodedPath)
                || !sameOrigin(url)
                || !(url.encodedPath().equals(rootPath) || url.encodedPath().startsWith(rootPath + "/"))) {
            // Cannot happen with validated ItemPaths; a guard against a future change of either side.
            throw new IllegalStateException("refusing a WebDAV URL outside the configured directory");
        }
        return url;
    }

    /** The WebDAV URL of a path given relative to the user's home (used for the directory's own levels). */
    HttpUrl homeUrl(ItemPath fromHome) {
        if (!fromHome.startsWith(directory)) {
            // Levels above the root are only ever the configured directory's own ancestors.
            if (!directory.startsWith(fromHome)) {
                throw new IllegalStateException("refusing a WebDAV URL outside the configured directory");
            }
            StringBuilder p = new StringBuilder();
            List<String> homeSegments = rootSegments.subList(0, rootSegments.size() - directory.depth());
            for (String s : homeSegments) {
                p.append('/').append(encodeSegment(s));
            }
            for (String s : fromHome.segments()) {
                p.append('/').append(encodeSegment(s));
            }
            return base.newBuilder().encodedPath(p.toString()).build();
        }
        return url(fromHome.relativeTo(directory));
    }

    /** An OCS URL below the base, e.g. {@code ocs/v2.php/cloud/capabilities}, with {@code format=json}. */
    HttpUrl ocs(String relative) {
        return base.newBuilder()
                .addPathSegments(relative)
                .addQueryParameter("format", "json")
                .build();
    }

    /** The owner's path NextCloud's share API wants: {@code /{directory}/{folder}}. */
    String sharePath(ItemPath folder) {
        return directory.resolve(folder).toString();
    }

    boolean sameOrigin(HttpUrl url) {
        return url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port();
    }

    /**
     * The provider path of a PROPFIND href, or empty when the href is not under the root (or is
     * not a valid path). NextCloud sends hrefs as absolute paths with lower-case hex escapes.
     */
    Optional<ItemPath> pathOf(String href) {
        String h = href.strip();
        if (h.startsWith("http://") || h.startsWith("https://")) {
            HttpUrl u = HttpUrl.parse(h);
            if (u == null || !sameOrigin(u)) {
                return Optional.empty();
            }
            h = u.encodedPath();
        }
        if (!h.startsWith("/")) {
            return Optional.empty();
        }
        List<String> segments = new ArrayList<>();
        for (String raw : h.substring(1).split("/", -1)) {
            if (!raw.isEmpty()) {
                Optional<String> decoded = decodeSegment(raw);
                if (decoded.isEmpty()) {
                    return Optional.empty();
                }
                segments.add(decoded.get());
            }
        }
        if (segments.size() < rootSegments.size()
                || !segments.subList(0, rootSegments.size()).equals(rootSegments)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ItemPath.of(segments.subList(rootSegments.size(), segments.size())));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    /** Percent-encodes everything except RFC 3986 unreserved characters, as UTF-8, upper-case hex. */
    static String encodeSegment(String segment) {
        StringBuilder out = new StringBuilder(segment.length() * 3);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Decodes {@code %XX} (either case) as UTF-8; '+' stays '+'. Empty for malformed input. */
    static Optional<String> decodeSegment(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                byte[] enc = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(enc, 0, enc.length);
                i = end - 1;
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
