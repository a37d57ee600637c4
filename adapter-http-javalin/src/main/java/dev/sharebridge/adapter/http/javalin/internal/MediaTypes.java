package dev.sharebridge.adapter.http.javalin.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * What a file is served as, decided from its <em>name</em> only (Apache Tika's MIME table; the
 * content is never sniffed for this decision): its {@code Content-Type}, whether it may be shown
 * inline from our origin, and what the pages preview it as (docs/architecture.md, "Content types
 * and previews").
 *
 * <p>Inline is an allow-list: images the browsers decode without scripts (JPEG, PNG, GIF, WebP,
 * AVIF), PDF, audio and video, and plain text and Markdown, which go out as {@code text/plain;
 * charset=utf-8}. Anything else, HTML, SVG, XML, JavaScript above all, is an attachment whatever
 * the request asks; an active type goes out as {@code application/octet-stream} even then.
 */
public final class MediaTypes {
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String TEXT_UTF8 = "text/plain; charset=utf-8";

    /** How the pages preview a file: an image, a PDF, a video, an audio file or text. */
    public enum Preview {
        IMAGE,
        PDF,
        VIDEO,
        AUDIO,
        TEXT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How one response sends a file.
     *
     * @param contentType the {@code Content-Type} header
     * @param inline whether it is {@code inline} (else {@code attachment})
     */
    public record Served(String contentType, boolean inline) {}

    private static final MimeTypes TABLE = MimeTypes.getDefaultMimeTypes();
    private static final MediaTypeRegistry REGISTRY = TABLE.getMediaTypeRegistry();

    private static final Set<String> IMAGES =
            Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/avif");
    private static final Set<String> VIDEOS = Set.of("video/mp4", "video/webm", "video/ogg");
    private static final Set<String> AUDIOS =
            Set.of("audio/mpeg", "audio/ogg", "audio/opus", "audio/wav", "audio/flac", "audio/mp4", "audio/webm");
    private static final Set<String> TEXTS = Set.of("text/plain", "text/markdown", "text/csv", "text/x-log");

    /** Tika's names where browsers know another (and only those). */
    private static final Map<String, String> BROWSER_NAMES = Map.of(
            "audio/vorbis", "audio/ogg",
            "audio/vnd.wave", "audio/wav",
            "audio/x-wav", "audio/wav",
            "audio/x-flac", "audio/flac");

    /** Types that run code or markup in a browser; their supertypes are checked too (e.g. +xml). */
    private static final Set<MediaType> ACTIVE = Set.of(
            MediaType.parse("text/html"),
            MediaType.parse("application/xhtml+xml"),
            MediaType.parse("image/svg+xml"),
            MediaType.parse("application/xml"),
            MediaType.parse("text/xml"),
            MediaType.parse("text/javascript"),
            MediaType.parse("application/javascript"),
            MediaType.parse("application/ecmascript"),
            MediaType.parse("application/x-shockwave-flash"),
            MediaType.parse("text/css"));

    private MediaTypes() {}

    /** The table's type for a file name ({@code application/octet-stream} when it knows none). */
    public static String typeOf(String fileName) {
        String name = fileName == null ? "" : fileName;
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        String type;
        try {
            // no stream: the name alone decides, the content is never looked at
            type = TABLE.detect(null, metadata).getBaseType().toString();
        } catch (IOException e) {
            type = OCTET_STREAM; // not without a stream to read
        }
        return BROWSER_NAMES.getOrDefault(type, type);
    }

    /** Whether the type is (or specialises) one that runs code or markup in a browser. */
    public static boolean isActive(String type) {
        MediaType t = MediaType.parse(type);
        if (t == null) {
            return true;
        }
        for (MediaType m = t; m != null; m = REGISTRY.getSupertype(m)) {
            if (ACTIVE.contains(m.getBaseType())) {
                return true;
            }
        }
        return false;
    }

    /** What the pages may preview the file as; empty when it is only downloaded. */
    public static Optional<Preview> preview(String fileName) {
        String type = typeOf(fileName);
        if (IMAGES.contains(type)) {
            return Optional.of(Preview.IMAGE);
        }
        if (type.equals("application/pdf")) {
            return Optional.of(Preview.PDF);
        }
        if (VIDEOS.contains(type)) {
            return Optional.of(Preview.VIDEO);
        }
        if (AUDIOS.contains(type)) {
            return Optional.of(Preview.AUDIO);
        }
        if (TEXTS.contains(type)) {
            return Optional.of(Preview.TEXT);
        }
        return Optional.empty();
    }

    /**
     * How to send the file: inline only when asked and previewable (text then as UTF-8 plain
     * text); otherwise an attachment with the table's type, or octet-stream for an active type.
     */
    public static Served serve(String fileName, boolean inlineAsked) {
        String type = typeOf(fileName);
        Optional<Preview> preview = preview(fileName);
        if (inlineAsked && preview.isPresent()) {
            return new Served(preview.get() == Preview.TEXT ? TEXT_UTF8 : type, true);
        }
        return new Served(isActive(type) ? OCTET_STREAM : type, false);
    }
}
