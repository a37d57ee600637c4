package dev.sharebridge.domain.share;

import java.security.SecureRandom;

/** A "random" source that always yields the same byte, to pin down encodings in tests. */
final class FixedBytesRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte value;

    FixedBytesRandom(int value) {
        this.value = (byte) value;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        java.util.Arrays.fill(bytes, value);
    }
}
