package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as its own process: ready line, health, a clean stop on SIGTERM, config errors. */
class ServeProcessE2eTest {
    @TempDir
    Path dir;

    @Test
    void servesUntilSigtermAndStopsCleanly() throws Exception {
        int port = freePort();
        Path config = dir.resolve("sharebridge.toml");
        Files.writeString(config, E2eServer.baseToml(dir).replace("port = 0", "port = " + port),
                StandardCharsets.UTF_8);

        try (JavaProcess serve = JavaProcess.start(dir, "serve", "--config", config.toString())) {
            String ready = serve.awaitLine(l -> l.contains("listening on http://127.0.0.1:" + port),
                    JavaProcess.STARTUP);
            assertThat(ready).endsWith("listening on http://127.0.0.1:" + port);

            Http.Response health = new Http("http://127.0.0.1:" + port).get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("ok");

            serve.terminate();
            int code = serve.awaitExit(Duration.ofSeconds(60));
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and ended on the signal
            assertThat(code).as(serve.output()).isIn(0, 143);
            assertThat(serve.printedAStackTrace()).as(serve.output()).isFalse();
            assertThat(serve.stdout()).as(serve.output())
                    .filteredOn(l -> l.contains("listening on")).hasSize(1);
            assertThat(serve.stdout()).as("exit %d %s", code, serve.output())
                    .anySatisfy(l -> assertThat(l).endsWith("stopped"));
        }
        assertThat(Files.exists(dir.resolve("data").resolve("secret.key"))).isTrue();
    }

    @Test
    void aBadConfigFileExitsTwoNamingFileLineAndKey() throws Exception {
        Path config = dir.resolve("bad.toml");
        Files.writeString(config, String.join("\n",
                "[server]",
                "port = \"eighty\"",
                "prot = 8080",
                "",
                "[security]",
                "bcrypt_cost = 3",
                ""), StandardCharsets.UTF_8);

        JavaProcess serve = JavaProcess.run(dir, "serve", "--config", config.toString());

        assertThat(serve.awaitExit(JavaProcess.STARTUP)).as(serve.output()).isEqualTo(2);
        assertThat(serve.stderr()).as(serve.output())
                .anySatisfy(l -> assertThat(l).startsWith(config + ":2: [server] port: "))
                .anySatisfy(l -> assertThat(l).startsWith(config + ":3: [server] prot: "))
                .anySatisfy(l -> assertThat(l).startsWith(config + ":6: [security] bcrypt_cost: "));
        assertThat(serve.printedAStackTrace()).as(serve.output()).isFalse();
        assertThat(serve.stdout()).as(serve.output()).noneSatisfy(l -> assertThat(l).contains("listening on"));
        assertThat(Files.exists(dir.resolve("data"))).as("nothing was created").isFalse();
    }

    @Test
    void aPortInUseExitsOneWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("sharebridge.toml");
            Files.writeString(config, E2eServer.baseToml(dir).replace("port = 0", "port = " + taken.getLocalPort()),
                    StandardCharsets.UTF_8);

            JavaProcess serve = JavaProcess.run(dir, "serve", "--config", config.toString());

            assertThat(serve.awaitExit(JavaProcess.STARTUP)).as(serve.output()).isEqualTo(1);
            assertThat(serve.stderr()).as(serve.output())
                    .anySatisfy(l -> assertThat(l).startsWith("sharebridge: cannot start"));
            assertThat(serve.printedAStackTrace()).as(serve.output()).isFalse();
        }
    }

    /** A port nobody listens on right now (port 0 cannot be reported by a separate process). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
