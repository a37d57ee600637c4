package dev.sharebridge.domain.item;

import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;

/** An inclusive range of bytes of a file, already resolved against the file's length. */
public record ByteRange(long first, long last) {
    public ByteRange {
        if (first < 0 || last < first) {
            throw new InvalidValueException(Field.RANGE, "invalid byte range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }
}
