package dev.sharebridge.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import dev.sharebridge.domain.storage.StorageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Sharebridge#close()} lets go of everything it opened, the NextCloud connections too. */
class SharebridgeCloseTest {
    @TempDir
    Path dir;

    /**
     * A stand-in NextCloud answers one request on a kept-alive connection; closing the server
     * must close that pooled connection, which the stand-in sees as the end of the stream.
     */
    @Test
    void closingTheServerClosesTheNextcloudConnections() throws Exception {
        try (ServerSocket nextcloud = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> afterAnswer = CompletableFuture.supplyAsync(() -> serveOneThenRead(nextcloud));
            SharebridgeConfig config = SharebridgeConfig.parse(
                    "test.toml",
                    String.join(
                            "\n",
                            "[server]",
                            "port = 0",
                            "data_dir = '" + dir.resolve("data") + "'",
                            "[storage]",
                            "provider = \"nextcloud\"",
                            "url = \"http://127.0.0.1:" + nextcloud.getLocalPort() + "/\"",
                            "username = \"sharebridge\"",
                            "password = \"app-password-1\"",
                            ""),
                    Map.of());
            Sharebridge sharebridge = Sharebridge.open(config);
            try {
                sharebridge.files().ping();
            } catch (StorageException expected) {
                // the stand-in's answer is not a listing; what matters is the connection it came on
            }
            assertThat(afterAnswer).isNotDone();

            sharebridge.close();

            assertThat(afterAnswer.get(30, TimeUnit.SECONDS))
                    .as("the connection after close")
                    .isEqualTo(-1);
        }
    }

    /** Answers the first request with an empty 207 on a kept-alive connection, then reads on. */
    private static int serveOneThenRead(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            readHead(in);
            OutputStream out = socket.getOutputStream();
            byte[] body = "<?xml version=\"1.0\"?><d:multistatus xmlns:d=\"DAV:\"/>".getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return in.read();
        } catch (IOException e) {
            return -1; // a reset is a close too
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                String text = new String(h, StandardCharsets.US_ASCII);
                int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
                if (at >= 0) {
                    int end = text.indexOf('\r', at);
                    in.readNBytes(Integer.parseInt(text.substring(at + 15, end).trim()));
                }
                return;
            }
        }
    }
}
