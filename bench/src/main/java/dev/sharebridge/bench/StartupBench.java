package dev.sharebridge.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Start-up of the shipped jar with the embedded defaults (H2 file database, local storage, a
 * fresh data directory) to the first {@code /health} 200, and its resident memory once idle.
 */
final class StartupBench {
    private static final long IDLE_MS = 3000;

    private final Report report;
    private final int rounds;
    private final Path jar;

    StartupBench(Report report, int rounds, Path jar) {
        this.report = report;
        this.rounds = rounds;
        this.jar = jar.toAbsolutePath();
    }

    void run() throws Exception {
        System.out.println("[5] start-up of " + jar + " to the first /health 200, idle RSS");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B -q -DskipTests package");
        }
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < rounds; i++) {
            Path dir = Files.createTempDirectory("sharebridge-bench-start");
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder(List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            jar.toString(),
                            "serve"))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile());
            pb.environment().put("SHAREBRIDGE_SERVER__BIND", "127.0.0.1");
            pb.environment().put("SHAREBRIDGE_SERVER__PORT", Integer.toString(port));
            pb.environment().remove("SHAREBRIDGE_CONFIG");
            long start = System.nanoTime();
            Process server = pb.start();
            try {
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2))
                        .build();
                long deadline = start + TimeUnit.SECONDS.toNanos(60);
                double ms = Double.NaN;
                while (System.nanoTime() < deadline && server.isAlive()) {
                    try {
                        if (client.send(health, HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200) {
                            ms = (System.nanoTime() - start) / 1e6;
                            break;
                        }
                    } catch (IOException notYet) {
                        // not listening yet
                    }
                    Thread.sleep(10);
                }
                if (Double.isNaN(ms)) {
                    throw new IllegalStateException("no /health 200 within 60 s; see " + dir.resolve("server.log"));
                }
                long startedRss = Bench.rssKiB(server.pid());
                Thread.sleep(IDLE_MS);
                report.add("5 start to first /health 200", "ms", ms);
                report.add("5 RSS right after start", "MiB", startedRss / 1024.0);
                report.add("5 RSS idle (" + IDLE_MS / 1000 + " s later)", "MiB", Bench.rssKiB(server.pid()) / 1024.0);
            } finally {
                server.destroy();
                if (!server.waitFor(20, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
