package dev.sharebridge.adapter.http.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Bodies much larger than the test JVM's heap (-Xmx160m) go up and down without being buffered. */
class StreamingTest extends ApiTestSupport {
    private static final long SIZE = 200L * 1024 * 1024;

    @Test
    void uploadAndDownload200MiB() throws Exception {
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpResponse<String> up = send(authed("/api/files/big/blob.bin")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new DigestInputStream(new Generated(SIZE), sent))));
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        assertThat(json(up).get("size").asLong()).isEqualTo(SIZE);

        HttpResponse<InputStream> down =
                client.send(authed("/api/files/big/blob.bin").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.headers().firstValue("Content-Length")).hasValue(Long.toString(SIZE));
        assertThat(digestOf(down.body())).isEqualTo(HexFormat.of().formatHex(sent.digest()));
    }

    private static String digestOf(InputStream in) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[64 * 1024];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void startLogsTheListeningLine() {
        Logger logger = (Logger) LoggerFactory.getLogger(HttpApi.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        HttpApi second = new HttpApi(
                new HttpSettings("127.0.0.1", 0, "http://localhost", List.of()),
                new HttpApiDependencies(
                        t -> ALICE,
                        files,
                        shares,
                        publicShares.ports(),
                        FakeUploads.ports(java.time.Clock.systemUTC()),
                        List.of(),
                        roomStack.roomService,
                        roomStack.invitations,
                        roomStack.moderators,
                        roomStack.sharedFolders,
                        roomStack.meetings,
                        roomStack.publisher));
        try {
            int port = second.start();
            assertThat(port).isPositive();
            assertThat(appender.list)
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactly("listening on http://127.0.0.1:" + port);
        } finally {
            second.close();
            logger.detachAppender(appender);
        }
        assertThat(send(req("/health")).statusCode()).isEqualTo(200);
    }

    /** Deterministic pseudo-random bytes, generated on the fly. */
    private static final class Generated extends InputStream {
        private final SplittableRandom random = new SplittableRandom(42);
        private long remaining;

        Generated(long size) {
            this.remaining = size;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) random.nextInt(256);
            }
            remaining -= n;
            return n;
        }
    }
}
