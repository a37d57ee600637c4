package dev.sharebridge.application.port.out.preview;

import java.util.Objects;

/**
 * A made thumbnail: encoded bytes and their type.
 *
 * @param bytes the encoded picture; not copied, never to be changed
 * @param mediaType {@code image/png} or {@code image/jpeg}
 * @param width in pixels, at most the asked edge
 * @param height in pixels, at most the asked edge
 */
public record Thumbnail(byte[] bytes, String mediaType, int width, int height) {
    public Thumbnail {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a thumbnail has at least one pixel");
        }
    }
}
