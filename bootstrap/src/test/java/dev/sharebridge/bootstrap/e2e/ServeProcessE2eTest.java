package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as its own process: ready line, health, a clean stop on SIGTERM, config errors,
 * the start-up line, and the clean-up after a SIGKILL during an upload.
 */
class ServeProcessE2eTest {
    @TempDir
    Path dir;

    @Test
    void servesUntilSigtermAndStopsCleanly() throws Exception {
        ServedProcess served = ServedProcess.configure(dir);
        int port = served.port();

        try (JavaProcess serve = served.start()) {
            String ready =
                    serve.awaitLine(l -> l.contains("listening on http://127.0.0.1:" + port), JavaProcess.STARTUP);
            assertThat(ready).endsWith("listening on http://127.0.0.1:" + port);

            Http.Response health = served.http().get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).isEqualTo("ok");

            int code = ServedProcess.stop(serve);
            // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and ended on the signal
            assertThat(code).as(serve.output()).isIn(0, 143);
            assertThat(serve.printedAStackTrace()).as(serve.output()).isFalse();
            assertThat(serve.stdout())
                    .as(serve.output())
                    .filteredOn(l -> l.contains("listening on"))
                    .hasSize(1);
            assertThat(serve.stdout())
                    .as("exit %d %s", code, serve.output())
                    .anySatisfy(l -> assertThat(l).endsWith("stopped"));
        }
        assertThat(Files.exists(dir.resolve("data").resolve("secret.key"))).isTrue();
    }

    @Test
    void theStartUpLineNamesTheVersionTheDatabaseWithoutCredentialsAndTheStorage() throws Exception {
        String dbUrl = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("data/db/sb") + ";PASSWORD=h2-secret-Qx7";
        ServedProcess served = ServedProcess.configure(dir, "\n[database]\nurl = '" + dbUrl + "'\n");

        try (JavaProcess serve = served.start()) {
            String line = serve.awaitLine(l -> l.contains("starting: database"), JavaProcess.STARTUP);
            serve.awaitLine(l -> l.contains("listening on"), JavaProcess.STARTUP);

            assertThat(line)
                    .matches(".*Sharebridge \\d+\\.\\d+\\.\\d+\\S* starting: database jdbc:h2:file:\\S+/data/db/sb,"
                            + " storage local \\S+/data/files, shared folders local \\(the storage\\)$");
            assertThat(serve.output()).doesNotContain("h2-secret-Qx7");
        }
    }

    @Test
    void anUploadCutOffByAKillLeavesNoTemporaryFileOnceTheServerIsBack() throws Exception {
        ServedProcess served = ServedProcess.configure(dir);
        String token = served.addUser("alice");
        Path space = dir.resolve("data/files/users/alice");

        try (JavaProcess serve = served.serve()) {
            Http http = served.http();
            assertThat(http.put("/api/files/first.txt", new byte[] {1}, Http.bearer(token))
                            .status())
                    .isEqualTo(201);
            try (WatchService watch = space.getFileSystem().newWatchService();
                    Socket upload = new Socket(InetAddress.getLoopbackAddress(), served.port())) {
                space.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                OutputStream out = upload.getOutputStream();
                out.write(("PUT /api/files/big.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                                + "\r\nContent-Length: 10000000\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[64 * 1024]);
                out.flush();
                awaitTemporaryFile(watch);

                serve.kill();
                assertThat(serve.awaitExit(ServedProcess.STOP)).isNotZero();
            }
        }
        assertThat(temporaryFiles(space))
                .as("a killed server cannot clean up after itself")
                .hasSize(1);

        try (JavaProcess again = served.serve()) {

            assertThat(temporaryFiles(space)).isEmpty();
            assertThat(again.stdout())
                    .anySatisfy(l -> assertThat(l)
                            .endsWith("removed 1 unfinished upload left by an earlier crash from the storage"));
            Http.Response listing = served.http().get("/api/folders", Http.bearer(token));
            assertThat(listing.json().path("children"))
                    .extracting(c -> c.path("name").asText())
                    .containsExactly("first.txt");
            ServedProcess.stop(again);
        }
    }

    /** Waits, without polling, until an upload's hidden temporary file appears in the watched folder. */
    private static void awaitTemporaryFile(WatchService watch) throws InterruptedException {
        long deadline = System.nanoTime() + JavaProcess.STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (key == null) {
                break;
            }
            for (WatchEvent<?> event : key.pollEvents()) {
                if (String.valueOf(event.context()).startsWith(".sharebridge-upload-")) {
                    return;
                }
            }
            key.reset();
        }
        throw new AssertionError("the upload never reached the storage");
    }

    private static List<Path> temporaryFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".sharebridge-upload-"))
                    .toList();
        }
    }

    @Test
    void aBadConfigFileExitsTwoNamingFileLineAndKey() throws Exception {
        Path config = dir.resolve("bad.toml");
        Files.writeString(
                config,
                String.join(
                        "\n", "[server]", "port = \"eighty\"", "prot = 8080", "", "[security]", "bcrypt_cost = 3", ""),
                StandardCharsets.UTF_8);

        JavaProcess serve = JavaProcess.run(dir, "serve", "--config", config.toString());

        assertThat(serve.awaitExit(JavaProcess.STARTUP)).as(serve.output()).isEqualTo(2);
        assertThat(serve.stderr())
                .as(serve.output())
                .anySatisfy(l -> assertThat(l).startsWith(config + ":2: [server] port: "))
                .anySatisfy(l -> assertThat(l).startsWith(config + ":3: [server] prot: "))
                .anySatisfy(l -> assertThat(l).startsWith(config + ":6: [security] bcrypt_cost: "));
        assertThat(serve.printedAStackTrace()).as(serve.output()).isFalse();
        assertThat(serve.stdout())
                .as(serve.output())
                .noneSatisfy(l -> assertThat(l).contains("listening on"));
        assertThat(Files.exists(dir.resolve("data"))).as("nothing was created").isFalse();
    }

    /** Contract §10: on PostgreSQL a server never makes a key of its own, which no other instance would share. */
    @Test
    void onPostgresqlWithoutASecretKeyServeExitsTwoSayingHowToMakeOne() throws Exception {
        Path config = dir.resolve("pg.toml");
        Files.writeString(
                config,
                E2eServer.baseToml(dir)
                        + String.join("\n", "[database]", "url = 'jdbc:postgresql://127.0.0.1:5432/test'", ""),
                StandardCharsets.UTF_8);

        JavaProcess serve = JavaProcess.run(dir, "serve", "--config", config.toString());

        assertThat(serve.awaitExit(JavaProcess.STARTUP)).as(serve.output()).isEqualTo(2);
        assertThat(serve.stderr())
                .as(serve.output())
                .filteredOn(l -> l.contains("secret_key"))
                .hasSize(1);
        assertThat(serve.stderr())
                .as(serve.output())
                .contains(
                        config
                                + ":5: [security] secret_key: required on PostgreSQL, the same on every instance: set it to"
                                + " the output of `openssl rand -base64 32`, or set secret_key_file to a file holding that",
                        "sharebridge: the configuration has 1 problem; see docs/configuration.md");
        assertThat(serve.printedAStackTrace()).as(serve.output()).isFalse();
        assertThat(serve.stdout())
                .as(serve.output())
                .noneSatisfy(l -> assertThat(l).contains("listening on"));
        assertThat(Files.exists(dir.resolve("data")))
                .as("no key file, nothing at all was created")
                .isFalse();
    }

    @Test
    void aPortInUseExitsOneWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path config = dir.resolve("sharebridge.toml");
            Files.writeString(
                    config,
                    E2eServer.baseToml(dir).replace("port = 0", "port = " + taken.getLocalPort()),
                    StandardCharsets.UTF_8);

            JavaProcess serve = JavaProcess.run(dir, "serve", "--config", config.toString());

            assertThat(serve.awaitExit(JavaProcess.STARTUP)).as(serve.output()).isEqualTo(1);
            assertThat(serve.stderr())
                    .as(serve.output())
                    .anySatisfy(l -> assertThat(l).startsWith("sharebridge: cannot start"));
            assertThat(serve.printedAStackTrace()).as(serve.output()).isFalse();
        }
    }
}
