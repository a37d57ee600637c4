package dev.sharebridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the HTTP benchmarks (open, download, wrong-password flood, WebDAV), the shared-folder
 * replay and the start-up measurement, each a few times, and prints a table of figures and ratios.
 *
 * <p>Arguments: names of the benchmarks to run ({@code open download flood folder startup};
 * default all; {@code dav}, and {@code events}, {@code budgets} and {@code caches}, which need PostgreSQL, only when named). System properties: {@code bench.seconds} (per wrk run, default 5),
 * {@code bench.rounds} (default 3), {@code bench.connections} (default 32), {@code bench.bigMiB}
 * (default 1024), {@code bench.davRounds} (default 5) and those of {@link DavBench}, {@code bench.jar} (the shipped jar, default
 * {@code bootstrap/target/sharebridge.jar}).
 */
public final class Bench {
    private static final int SECONDS = Integer.getInteger("bench.seconds", 5);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int WARMUP_RUNS = 3;
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    /**
     * The crowd of the second open figure: every counted open waits for the commit of its batch,
     * so with few clients the open is bound by that wait, with many by the work (docs/performance.md).
     */
    private static final int CROWD = Integer.getInteger("bench.crowd", 256);

    private static final long BIG_MIB = Long.getLong("bench.bigMiB", 1024);
    private static final int DAV_ROUNDS = Integer.getInteger("bench.davRounds", 5);

    private final Report report = new Report();

    private Bench() {}

    public static void main(String[] args) throws Exception {
        List<String> which =
                args.length == 0 ? List.of("open", "download", "flood", "folder", "startup") : List.of(args);
        Bench bench = new Bench();
        System.out.printf(
                "Sharebridge benchmarks: %d rounds, %d s per wrk run, %d connections, %d cores, load %s%n",
                ROUNDS, SECONDS, CONNECTIONS, Runtime.getRuntime().availableProcessors(), loadAverage());
        boolean wrk = which.contains("open") || which.contains("download") || which.contains("flood");
        if (wrk || which.contains("dav")) {
            if (wrk && !Wrk.available()) {
                System.err.println("wrk is missing: apt-get install wrk (bench/run.sh does that when it may)");
                System.exit(2);
            }
            bench.http(which);
        }
        if (which.contains("folder")) {
            new SharedFolderBench(bench.report, ROUNDS).run();
        }
        if (which.contains("events")) {
            new InstanceEventsBench(bench.report).run();
        }
        if (which.contains("budgets")) {
            new FailureBudgetsBench(bench.report, ROUNDS).run();
        }
        if (which.contains("caches")) {
            if (!Wrk.available()) {
                System.err.println("wrk is missing: apt-get install wrk (bench/run.sh does that when it may)");
                System.exit(2);
            }
            new CacheInvalidationBench(bench.report, SECONDS, ROUNDS, CONNECTIONS).run();
        }
        if (which.contains("startup")) {
            new StartupBench(
                            bench.report,
                            ROUNDS,
                            Path.of(System.getProperty("bench.jar", "bootstrap/target/sharebridge.jar")))
                    .run();
        }
        bench.report.print();
        System.out.println("load average at the end: " + loadAverage());
        // Javalin's WebSocket ping thread (started by the first signaling connection, in the
        // events benchmark) is not a daemon and outlives the server's close
        System.exit(0);
    }

    private void http(List<String> which) throws Exception {
        Path dir = Files.createTempDirectory("sharebridge-bench");
        Process server = new ProcessBuilder(
                        javaCommand(List.of(BenchServer.class.getName(), dir.toString(), Long.toString(BIG_MIB))))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        try {
            Properties ready = awaitReady(server, dir.resolve("ready.properties"));
            long pid = Long.parseLong(ready.getProperty("pid"));
            String product = "http://127.0.0.1:" + ready.getProperty("port");
            String reference = "http://127.0.0.1:" + ready.getProperty("reference");
            Wrk wrk = new Wrk(1, CONNECTIONS);
            System.out.println("server pid " + pid + ", log " + dir.resolve("server.log"));

            if (which.contains("open")) {
                System.out.println("[1] public open vs constant route");
                // warm both up (JIT, pools) before anything counts: three runs each, since on 2
                // shared cores the open path's code takes longer to be compiled than the constant's
                for (int w = 0; w < WARMUP_RUNS; w++) {
                    wrk.run(reference + "/const", SECONDS);
                    wrk.run(product + "/api/s/" + ready.getProperty("open"), SECONDS);
                }
                for (int i = 0; i < ROUNDS; i++) {
                    Wrk.Result constant = wrk.run(reference + "/const", SECONDS);
                    Wrk.Result open = wrk.run(product + "/api/s/" + ready.getProperty("open"), SECONDS);
                    check(open, "open");
                    report.add("1 constant route", "req/s", constant.rps());
                    report.add("1 open GET /api/s/{token}", "req/s", open.rps());
                    report.add("1 open / constant", "ratio (goal >= 0.7)", open.rps() / constant.rps());
                    report.add("1 constant p99", "ms", constant.p99Millis());
                    report.add("1 open p99", "ms", open.p99Millis());
                }
                Wrk crowd = new Wrk(1, CROWD);
                crowd.run(reference + "/const", SECONDS);
                crowd.run(product + "/api/s/" + ready.getProperty("open"), SECONDS);
                for (int i = 0; i < ROUNDS; i++) {
                    Wrk.Result constant = crowd.run(reference + "/const", SECONDS);
                    Wrk.Result open = crowd.run(product + "/api/s/" + ready.getProperty("open"), SECONDS);
                    check(open, "open, " + CROWD + " clients");
                    report.add(
                            "1 open / constant, " + CROWD + " clients",
                            "ratio (goal >= 0.8)",
                            open.rps() / constant.rps());
                    report.add("1 open, " + CROWD + " clients", "req/s", open.rps());
                }
            }
            if (which.contains("download")) {
                System.out.println("[2] download of " + BIG_MIB + " MiB: share link vs plain static route");
                String big = product + "/api/s/" + ready.getProperty("big") + "/download";
                long bytes = Long.parseLong(ready.getProperty("bigBytes"));
                download(reference + "/static", bytes, pid);
                download(big, bytes, pid);
                for (int i = 0; i < ROUNDS; i++) {
                    Download plain = download(reference + "/static", bytes, pid);
                    Download shared = download(big, bytes, pid);
                    report.add("2 static route", "MiB/s", plain.mibPerSecond());
                    report.add("2 share download", "MiB/s", shared.mibPerSecond());
                    report.add("2 share / static", "ratio (goal >= 0.8)", shared.mibPerSecond() / plain.mibPerSecond());
                    report.add("2 RSS growth during share download", "MiB", shared.rssGrowthMiB());
                    report.add("2 RSS growth during static download", "MiB", plain.rssGrowthMiB());
                }
                report.add("2 RSS after downloads", "MiB", rssKiB(pid) / 1024.0);
            }
            if (which.contains("flood")) {
                System.out.println("[3] open throughput during a wrong-password flood");
                Path lua = dir.resolve("flood.lua");
                Files.writeString(
                        lua,
                        "wrk.method = \"POST\"\n"
                                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                                + "wrk.body = '{\"password\":\"" + BenchServer.WRONG_PASSWORD + "\"}'\n");
                String other = product + "/api/s/" + ready.getProperty("other");
                String verify = product + "/api/s/" + ready.getProperty("locked") + "/verify";
                for (int i = 0; i < ROUNDS; i++) {
                    Wrk.Result calm = wrk.run(other, SECONDS);
                    Wrk.Running flood = wrk.start(verify, SECONDS + 2, Optional.of(lua), CONNECTIONS);
                    Thread.sleep(1000);
                    Wrk.Result during = wrk.run(other, SECONDS);
                    Wrk.Result floodResult = flood.await();
                    check(calm, "open");
                    check(during, "open during flood");
                    report.add("3 open, undisturbed", "req/s", calm.rps());
                    report.add("3 open, during flood", "req/s", during.rps());
                    report.add("3 during / undisturbed", "ratio (goal >= 0.5)", during.rps() / calm.rps());
                    report.add("3 open p99 during flood", "ms", during.p99Millis());
                    report.add("3 flood verify answers", "req/s", floodResult.rps());
                    report.add(
                            "3 flood answers that were not 2xx",
                            "%",
                            100.0 * floodResult.non2xx() / Math.max(1, floodResult.requests()));
                }
            }
            if (which.contains("dav")) {
                new DavBench(report, ROUNDS, DAV_ROUNDS, ready, dir).run();
            }
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static void check(Wrk.Result r, String what) {
        if (r.non2xx() > 0) {
            System.out.println(
                    "  warning: " + r.non2xx() + " of " + r.requests() + " " + what + " answers were not 2xx");
        }
    }

    /** One download through curl; the server's resident memory is sampled while it runs. */
    record Download(double mibPerSecond, double rssGrowthMiB) {}

    private static Download download(String url, long bytes, long pid) throws IOException, InterruptedException {
        return download(url, List.of(), bytes, pid);
    }

    /** As {@link #download(String, long, long)}, with more curl arguments (credentials). */
    static Download download(String url, List<String> curlArgs, long bytes, long pid)
            throws IOException, InterruptedException {
        long before = rssKiB(pid);
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(rssKiB(pid), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        List<String> command = new ArrayList<>(
                List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{time_total}"));
        command.addAll(curlArgs);
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        curl.waitFor(120, TimeUnit.SECONDS);
        done.set(true);
        sampler.join();
        String[] parts = out.split(" ");
        if (parts.length != 3 || !parts[0].equals("200") || Long.parseLong(parts[1]) != bytes) {
            throw new IllegalStateException("download failed: " + out);
        }
        double seconds = Double.parseDouble(parts[2]);
        return new Download(bytes / 1048576.0 / seconds, (peak.get() - before) / 1024.0);
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static List<String> javaCommand(List<String> mainAndArgs) {
        List<String> cmd = new ArrayList<>();
        // BENCH_JAVA (bench/run.sh) runs the server on another JVM, e.g. one with virtual threads
        cmd.add(System.getProperty(
                "bench.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainAndArgs);
        return cmd;
    }

    private static Properties awaitReady(Process server, Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(file)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the bench server died; see its log beside " + file);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bench server did not get ready in 120 s");
            }
            Thread.sleep(50);
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
