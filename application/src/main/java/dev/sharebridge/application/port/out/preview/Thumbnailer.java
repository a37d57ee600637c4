package dev.sharebridge.application.port.out.preview;

import java.io.InputStream;

/**
 * Makes a thumbnail of an image file, within bounds of its own: the input is untrusted, so an
 * implementation bounds the bytes it reads, the pixels it decodes (checked from the header before
 * decoding) and the time it takes, and refuses what lies beyond them.
 */
public interface Thumbnailer {

    /** Whether files of this name are of a type {@link #thumbnail} reads; decided from the name only. */
    boolean supports(String fileName);

    /**
     * A thumbnail whose longer edge is at most {@code maxEdge}, the aspect kept; never larger
     * than the picture. The caller closes {@code image}.
     *
     * @param fileName the file's name, which decides its type (the content is not sniffed)
     * @param size the file's size in bytes as the storage reports it
     * @throws ThumbnailRefusedException when the file is not read or not made into a thumbnail
     */
    Thumbnail thumbnail(InputStream image, String fileName, long size, int maxEdge) throws ThumbnailRefusedException;
}
