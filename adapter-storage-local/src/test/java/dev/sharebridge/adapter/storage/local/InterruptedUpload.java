package dev.sharebridge.adapter.storage.local;

import dev.sharebridge.domain.item.ItemPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An upload that never ends, run as a separate JVM by {@link InterruptedUploadTest}: it writes
 * {@code args[1]} below the storage root {@code args[0]} from a stream that delivers one chunk,
 * prints {@value #WRITING} once that chunk is in the temporary file, and then waits on its
 * standard input, so that the test can kill it in the middle of the write.
 */
public final class InterruptedUpload {
    static final String WRITING = "writing";

    private InterruptedUpload() {}

    public static void main(String[] args) throws Exception {
        InputStream endless = new InputStream() {
            private boolean sent;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!sent) {
                    sent = true;
                    Arrays.fill(b, off, off + len, (byte) 'x');
                    return len;
                }
                // the first chunk has been written into the temporary file by now
                System.out.println(WRITING);
                System.out.flush();
                while (System.in.read() >= 0) {
                    // waits until the test kills this process (or closes its input)
                }
                throw new IOException("the test ended the upload");
            }
        };
        new LocalStorageProvider(Path.of(args[0])).write(ItemPath.parse(args[1]), endless);
    }
}
