package dev.sharebridge.bootstrap.e2e;

import static dev.sharebridge.bootstrap.e2e.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standard tus client, tus-js-client from npm run by node, uploads 300 MiB to the real server
 * through a TCP proxy that cuts the connection twice midway; the client resumes by itself and the
 * stored file has the same SHA-256. {@code .ci/run} installs tus-js-client into
 * {@code $XDG_CACHE_HOME/sharebridge-ci/tus-js-client} (or {@code TUS_JS_CLIENT_DIR}); the test is
 * skipped where node or the client is missing.
 */
class TusClientE2eTest {
    private static final long SIZE = 300L << 20;
    private static final long[] CUTS = {90L << 20, 200L << 20};

    @TempDir
    Path dir;

    private E2eServer server;
    private CuttingProxy proxy;

    @BeforeEach
    void start() throws Exception {
        server = E2eServer.start(dir);
    }

    @AfterEach
    void stop() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
        server.close();
    }

    static Path clientDir() {
        String configured = System.getenv("TUS_JS_CLIENT_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base =
                cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(cache);
        return base.resolve("sharebridge-ci/tus-js-client/node_modules");
    }

    private static boolean hasNode() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void tusJsClientUploads300MiBThroughTwoCutConnections() throws Exception {
        Path clients = clientDir();
        assumeTrue(hasNode(), "node is not installed");
        assumeTrue(Files.isDirectory(clients.resolve("tus-js-client")), "tus-js-client is not installed in " + clients);
        String alice = server.addUser("alice");
        assertThat(server.http()
                        .send("POST", "/api/folders/incoming", null, bearer(alice))
                        .status())
                .isEqualTo(201);

        Path file = dir.resolve("big.bin");
        String expected = writeRandom(file, SIZE);
        Path script = dir.resolve("upload.cjs");
        try (InputStream in = TusClientE2eTest.class.getResourceAsStream("/tus/upload.cjs")) {
            Files.write(script, in.readAllBytes());
        }
        URI base = URI.create(server.http().base());
        proxy = new CuttingProxy(base.getPort(), CUTS);

        Process node = new ProcessBuilder(
                        "node",
                        script.toString(),
                        clients.toString(),
                        "http://127.0.0.1:" + proxy.port() + "/api/uploads",
                        file.toString(),
                        alice)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(node.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(node.exitValue()).as(out).isZero();
        JsonNode result =
                new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(result.path("url").asText()).contains("/api/uploads/");
        assertThat(proxy.cuts()).isEqualTo(2);
        assertThat(result.path("retries").asInt()).isGreaterThanOrEqualTo(2);
        // resumed, not begun again: what went through the proxy is the file plus what was in flight at
        // each cut (the socket buffers an RST throws away), far below a second copy of the 90 MiB before the first
        assertThat(proxy.upstreamBytes()).isBetween(SIZE, SIZE + (32L << 20));

        HttpResponse<InputStream> download = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.http().base() + "/api/files/incoming/big.bin"))
                                .header("Authorization", "Bearer " + alice)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(sha256(download.body())).isEqualTo(expected);
    }

    /** Random bytes (from a fixed seed) into {@code file}. @return their SHA-256 */
    private static String writeRandom(Path file, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] buffer = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer);
                sha.update(buffer);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, sha)) {
            d.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * A TCP proxy to the server that resets the connection when the bytes sent towards the server
     * (all connections together) pass each of the cut points.
     */
    static final class CuttingProxy implements AutoCloseable {
        private final ServerSocket listener;
        private final int target;
        private final long[] cutPoints;
        private final AtomicLong upstream = new AtomicLong();
        private final AtomicInteger cuts = new AtomicInteger();
        private final List<Socket> open = new ArrayList<>();

        CuttingProxy(int target, long[] cutPoints) throws IOException {
            this.target = target;
            this.cutPoints = cutPoints.clone();
            this.listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread accept = new Thread(this::accept, "cutting-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        int cuts() {
            return cuts.get();
        }

        long upstreamBytes() {
            return upstream.get();
        }

        private void accept() {
            while (!listener.isClosed()) {
                try {
                    Socket client = listener.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                    synchronized (open) {
                        open.add(client);
                        open.add(server);
                    }
                    pump(client, server, true);
                    pump(server, client, false);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean towardsServer) {
            Thread t = new Thread(
                    () -> {
                        byte[] buffer = new byte[64 * 1024];
                        try (InputStream in = from.getInputStream();
                                OutputStream out = to.getOutputStream()) {
                            int n;
                            while ((n = in.read(buffer)) != -1) {
                                if (towardsServer) {
                                    long before = upstream.getAndAdd(n);
                                    int done = cuts.get();
                                    if (done < cutPoints.length && before + n >= cutPoints[done]) {
                                        int allowed = (int) (cutPoints[done] - before);
                                        out.write(buffer, 0, Math.max(allowed, 0));
                                        out.flush();
                                        upstream.addAndGet(Math.max(allowed, 0) - n);
                                        cuts.incrementAndGet();
                                        reset(from);
                                        reset(to);
                                        return;
                                    }
                                }
                                out.write(buffer, 0, n);
                            }
                        } catch (IOException e) {
                            // the other direction reset it
                        } finally {
                            closeQuietly(from);
                            closeQuietly(to);
                        }
                    },
                    "cutting-proxy-pump");
            t.setDaemon(true);
            t.start();
        }

        private static void reset(Socket socket) {
            try {
                socket.setSoLinger(true, 0); // an RST, as a dropped connection looks
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            synchronized (open) {
                open.forEach(CuttingProxy::closeQuietly);
            }
        }
    }
}
