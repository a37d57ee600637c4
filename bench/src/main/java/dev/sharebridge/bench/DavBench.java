package dev.sharebridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The WebDAV owner space {@code /dav/} on the bench server: a {@code PROPFIND Depth: 1} of a
 * folder of many files (time to the first byte, total time, entries per second, and the server's
 * memory while a slow client reads the answer), and a {@code GET} of the big file against the
 * REST owner download {@code GET /api/files/{path}} and the share-link download.
 *
 * <p>The folder's files are made directly in the owner's folder on the server's disk, before
 * anything is measured. The slow reader is a plain socket with a small receive buffer that reads
 * the answer at a fixed rate (so that reading takes about {@value #SLOW_SECONDS} s) and, when a
 * tenth of it has arrived, stops reading while the server's heap is collected ({@code jcmd
 * GC.run}) and measured ({@code jvm_memory_used_bytes{area="heap"}} of {@code /metrics}): the
 * server's thread is then blocked in the middle of the answer (a thread dump checks it), and
 * whatever it holds of the answer is live. The first slow read of each folder also prints which
 * classes of live objects grew ({@code jcmd GC.class_histogram}).
 * System properties: {@code bench.davEntries} (10000), {@code bench.davLarge} (0: a second
 * folder of that many entries, e.g. 100000, when above 0).
 */
final class DavBench {
    private static final int ENTRIES = Integer.getInteger("bench.davEntries", 10_000);
    private static final int LARGE = Integer.getInteger("bench.davLarge", 0);
    private static final int SLOW_SECONDS = 5;
    /** The server's heap is measured when this fraction (1 / n) of the answer has been read. */
    private static final int MEASURE_AT = 10;

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final Report report;
    private final int rounds;
    private final int getRounds;
    private final Path dir;
    private final String base;
    private final int port;
    private final long pid;
    private final String user;
    private final String token;
    private final Path userDir;
    private final String bigShare;
    private final long bigBytes;

    DavBench(Report report, int rounds, int getRounds, Properties ready, Path dir) {
        this.report = report;
        this.rounds = rounds;
        this.getRounds = getRounds;
        this.dir = dir;
        this.port = Integer.parseInt(ready.getProperty("port"));
        this.base = "http://127.0.0.1:" + port;
        this.pid = Long.parseLong(ready.getProperty("pid"));
        this.user = ready.getProperty("user");
        this.token = ready.getProperty("apiToken");
        this.userDir = Path.of(ready.getProperty("userDir"));
        this.bigShare = ready.getProperty("big");
        this.bigBytes = Long.parseLong(ready.getProperty("bigBytes"));
    }

    void run() throws Exception {
        System.out.println("[6] WebDAV: PROPFIND Depth 1 of " + ENTRIES + " entries (server heap while a slow"
                + " reader reads), GET of " + (bigBytes >> 20) + " MiB vs REST and share download");
        propfind(ENTRIES, rounds);
        if (LARGE > 0) {
            propfind(LARGE, 1);
        }
        get();
    }

    // ---- PROPFIND ----------------------------------------------------------------------------

    private void propfind(int entries, int times) throws Exception {
        String name = "dav" + entries;
        Path folder = userDir.resolve(name);
        long made = System.nanoTime();
        Files.createDirectories(folder);
        byte[] content = "twelve bytes".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < entries; i++) {
            Files.write(folder.resolve(String.format(Locale.ROOT, "file-%06d.txt", i)), content);
        }
        System.out.printf(
                Locale.ROOT,
                "  made %d files in %.1f s (directly on the disk)%n",
                entries,
                (System.nanoTime() - made) / 1e9);
        String path = "/dav/" + name + "/";
        String label = String.format(Locale.ROOT, "6 dav-propfind %,d", entries);

        // warm-up, and a check that the answer holds the folder and every entry
        Path body = dir.resolve(name + ".xml");
        Timed first = curlPropfind(path, body);
        long responses = countResponses(body);
        Files.delete(body);
        if (responses != entries + 1L) {
            throw new IllegalStateException("PROPFIND " + path + " answered " + responses + " responses, not "
                    + (entries + 1) + " (folder and entries)");
        }
        System.out.printf(
                Locale.ROOT,
                "  first PROPFIND: %.0f ms, %.1f MiB, %d responses%n",
                first.totalSeconds * 1000,
                first.bytes / 1048576.0,
                responses);

        for (int i = 0; i < times; i++) {
            Timed fast = curlPropfind(path, Path.of("/dev/null"));
            report.add(label + ": time to first byte", "ms", fast.firstByteSeconds * 1000);
            report.add(label + ": total", "ms", fast.totalSeconds * 1000);
            report.add(label + ": entries", "entries/s", entries / fast.totalSeconds);
            report.add(label + ": body", "MiB", fast.bytes / 1048576.0);
            SlowRead slow = slowRead(path, fast.bytes, i == 0);
            report.add(label + ": slow read, live heap", "MiB above idle, 1/10 read", slow.heapGrowthMiB());
            report.add(label + ": slow read, RSS growth", "MiB", slow.rssGrowthMiB());
            report.add(label + ": slow read", "s", slow.seconds());
        }
        // the bench server's directory stays behind for its log; these files need not
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(folder);
    }

    private record Timed(long bytes, double firstByteSeconds, double totalSeconds) {}

    private Timed curlPropfind(String path, Path out) throws IOException, InterruptedException {
        List<String> command = List.of(
                "curl",
                "-sS",
                "-X",
                "PROPFIND",
                "-H",
                "Depth: 1",
                "-u",
                user + ":" + token,
                "-o",
                out.toString(),
                "-w",
                "%{http_code} %{size_download} %{time_starttransfer} %{time_total}",
                base + path);
        String[] parts = run(command, 120).split(" ");
        if (parts.length != 4 || !parts[0].equals("207")) {
            throw new IllegalStateException("PROPFIND " + path + " failed: " + String.join(" ", parts));
        }
        return new Timed(Long.parseLong(parts[1]), Double.parseDouble(parts[2]), Double.parseDouble(parts[3]));
    }

    private static long countResponses(Path body) throws IOException {
        String xml = Files.readString(body);
        long n = 0;
        for (int at = xml.indexOf("<D:response>"); at >= 0; at = xml.indexOf("<D:response>", at + 1)) {
            n++;
        }
        return n;
    }

    /** Heap and resident memory of the server around and during one slow read of the answer. */
    private record SlowRead(double heapGrowthMiB, double rssGrowthMiB, double seconds) {}

    private SlowRead slowRead(String path, long expectedBytes, boolean histogram) throws Exception {
        // GC.class_histogram collects the whole heap first, as GC.run does
        Map<String, long[]> classesBefore = histogram ? histogram() : Map.of();
        if (!histogram) {
            gc();
        }
        long heapBefore = heapUsed();
        long rssBefore = Bench.rssKiB(pid);
        AtomicLong peak = new AtomicLong(rssBefore);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(Bench.rssKiB(pid), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        double bytesPerNano = expectedBytes / (SLOW_SECONDS * 1e9);
        long heapMidway = -1;
        long read = 0;
        long started = System.nanoTime();
        long paused = 0;
        byte[] head = new byte[16];
        int headLength = 0;
        try (Socket socket = new Socket()) {
            // small, so that the kernel does not take the answer off the server's hands
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            String auth = Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
            String request = "PROPFIND " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Basic "
                    + auth + "\r\nDepth: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                int copy = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, copy);
                headLength += copy;
                read += n;
                if (heapMidway < 0 && read >= expectedBytes / MEASURE_AT) {
                    long stop = System.nanoTime();
                    Map<String, long[]> classes = histogram ? histogram() : Map.of();
                    if (!histogram) {
                        gc();
                    }
                    heapMidway = heapUsed();
                    // the kernel's socket buffers hold some MiB: make sure the server is still writing
                    if (!jcmd("Thread.print").contains("DavRoutes.propfind")) {
                        System.out.println("  warning: the server had written the whole answer before it was measured");
                    }
                    if (histogram) {
                        printGrowth(classesBefore, classes);
                    }
                    paused += System.nanoTime() - stop;
                }
                long due = started + paused + (long) (read / bytesPerNano);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } finally {
            done.set(true);
            sampler.join();
        }
        double seconds = (System.nanoTime() - started - paused) / 1e9;
        String status = new String(head, 0, headLength, StandardCharsets.US_ASCII);
        if (!status.startsWith("HTTP/1.1 207") || heapMidway < 0) {
            throw new IllegalStateException("the slow PROPFIND failed: " + status + ", " + read + " bytes");
        }
        return new SlowRead((heapMidway - heapBefore) / 1048576.0, (peak.get() - rssBefore) / 1024.0, seconds);
    }

    /** The server's live objects by class: instances and bytes ({@code jcmd GC.class_histogram}). */
    private Map<String, long[]> histogram() throws IOException, InterruptedException {
        Map<String, long[]> classes = new HashMap<>();
        for (String row : jcmd("GC.class_histogram").split("\n")) {
            Matcher m = HISTOGRAM_ROW.matcher(row);
            if (m.matches()) {
                classes.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return classes;
    }

    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after) {
        System.out.println("  live objects that grew most by then (jcmd GC.class_histogram):");
        after.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) ->
                        before.getOrDefault(e.getKey(), new long[2])[1] - e.getValue()[1]))
                .limit(8)
                .forEach(e -> {
                    long[] was = before.getOrDefault(e.getKey(), new long[2]);
                    System.out.printf(
                            Locale.ROOT,
                            "    %+10d objects %+10.2f MiB  %s%n",
                            e.getValue()[0] - was[0],
                            (e.getValue()[1] - was[1]) / 1048576.0,
                            e.getKey());
                });
    }

    /** A full collection in the server, so that the heap used afterwards is what is live. */
    private void gc() throws IOException, InterruptedException {
        jcmd("GC.run");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty(
                "bench.java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Path jcmd = java.resolveSibling("jcmd");
        return run(List.of(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command), 60);
    }

    /** The sum of {@code jvm_memory_used_bytes{area="heap",…}} in the server's {@code /metrics}. */
    private long heapUsed() throws IOException, InterruptedException {
        HttpResponse<String> metrics = CLIENT.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        boolean any = false;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                any = true;
            }
        }
        if (!any) {
            throw new IllegalStateException("no jvm_memory_used_bytes{area=\"heap\"} in /metrics");
        }
        return (long) sum;
    }

    // ---- GET ---------------------------------------------------------------------------------

    private void get() throws Exception {
        String dav = base + "/dav/big.bin";
        String rest = base + "/api/files/big.bin";
        String share = base + "/api/s/" + bigShare + "/download";
        List<String> basic = List.of("-u", user + ":" + token);
        List<String> bearer = List.of("-H", "Authorization: Bearer " + token);
        Bench.download(dav, basic, bigBytes, pid);
        Bench.download(rest, bearer, bigBytes, pid);
        Bench.download(share, List.of(), bigBytes, pid);
        for (int i = 0; i < getRounds; i++) {
            // the order turns each round, so that none of them always comes first
            double[] mib = new double[3];
            double[] rss = new double[3];
            for (int k = 0; k < 3; k++) {
                int which = (i + k) % 3;
                Bench.Download d = switch (which) {
                    case 0 -> Bench.download(dav, basic, bigBytes, pid);
                    case 1 -> Bench.download(rest, bearer, bigBytes, pid);
                    default -> Bench.download(share, List.of(), bigBytes, pid);
                };
                mib[which] = d.mibPerSecond();
                rss[which] = d.rssGrowthMiB();
            }
            report.add("7 dav-get: WebDAV GET /dav/{path}", "MiB/s", mib[0]);
            report.add("7 dav-get: REST GET /api/files/{path}", "MiB/s", mib[1]);
            report.add("7 dav-get: share download", "MiB/s", mib[2]);
            report.add("7 dav-get: WebDAV / REST", "ratio (goal >= 0.9)", mib[0] / mib[1]);
            report.add("7 dav-get: WebDAV / share", "ratio", mib[0] / mib[2]);
            report.add("7 dav-get: RSS growth during WebDAV GET", "MiB", rss[0]);
        }
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command.subList(0, 1)) + " failed: " + out);
        }
        return out;
    }
}
