package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A configuration for {@code serve} in a JVM of its own ({@link JavaProcess}), and the commands
 * run on it: {@link E2eServer#baseToml} on a port chosen beforehand (a separate process cannot
 * report port 0 back), the CLI's {@code users add}, and {@code serve} awaited until it listens.
 *
 * @param config the configuration file, in {@code dir}
 */
record ServedProcess(Path dir, int port, Path config) {
    /** How long a SIGTERMed or SIGKILLed server may take to end. */
    static final Duration STOP = Duration.ofSeconds(60);

    /** Writes {@code dir/sharebridge.toml}: the base configuration on a free port, then {@code extraToml}. */
    static ServedProcess configure(Path dir, String extraToml) throws IOException {
        int port = freePort();
        Path config = dir.resolve("sharebridge.toml");
        Files.writeString(
                config,
                E2eServer.baseToml(dir).replace("port = 0", "port = " + port) + extraToml,
                StandardCharsets.UTF_8);
        return new ServedProcess(dir, port, config);
    }

    static ServedProcess configure(Path dir) throws IOException {
        return configure(dir, "");
    }

    Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    /** Runs {@code users add name} in a JVM of its own, which must succeed. @return the new user's API token */
    String addUser(String name) throws IOException {
        JavaProcess add = JavaProcess.run(dir, "users", "add", name, "--config", config.toString());
        assertThat(add.awaitExit(JavaProcess.STARTUP)).as(add.output()).isZero();
        return add.stdout().get(add.stdout().size() - 1);
    }

    /** Starts {@code serve} without waiting for it. */
    JavaProcess start() throws IOException {
        return JavaProcess.start(dir, "serve", "--config", config.toString());
    }

    /** Starts {@code serve} and waits until it listens; one that does not is killed. */
    JavaProcess serve() throws IOException {
        JavaProcess serve = start();
        try {
            serve.awaitLine(l -> l.contains("listening on"), JavaProcess.STARTUP);
            return serve;
        } catch (RuntimeException | Error e) {
            serve.close();
            throw e;
        }
    }

    /** SIGTERM, and the wait for the end. @return the exit code */
    static int stop(JavaProcess serve) {
        serve.terminate();
        return serve.awaitExit(STOP);
    }

    /** A port nobody listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
