package dev.sharebridge.adapter.storage.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Streams at most a fixed number of bytes from an already positioned channel, so that a range
 * read stops at its last byte and a file that grows meanwhile cannot over-deliver.
 */
final class BoundedChannelInputStream extends InputStream {
    private final SeekableByteChannel channel;
    private long remaining;

    BoundedChannelInputStream(SeekableByteChannel channel, long length) {
        this.channel = channel;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        ByteBuffer buffer = ByteBuffer.wrap(b, off, (int) Math.min(len, remaining));
        int n = channel.read(buffer);
        while (n == 0) {
            n = channel.read(buffer);
        }
        if (n < 0) {
            // the file shrank under us: the promised length cannot be delivered
            throw new IOException("file ended " + remaining + " bytes early");
        }
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0 || remaining <= 0) {
            return 0;
        }
        long step = Math.min(n, remaining);
        channel.position(channel.position() + step);
        remaining -= step;
        return step;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, remaining));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
