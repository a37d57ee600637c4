package dev.sharebridge.application.port.in.upload;

import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code PATCH}: bytes that continue an upload at {@code offset}.
 *
 * @param sha1 the SHA-1 digest the client says these bytes have ({@code Upload-Checksum}), if it says
 */
public record Chunk(long offset, InputStream body, Optional<byte[]> sha1) {
    public Chunk {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sha1, "sha1");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
