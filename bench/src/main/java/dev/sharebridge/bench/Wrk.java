package dev.sharebridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's {@code wrk} against 127.0.0.1 for a bounded time and reads its summary. */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");

    /** One wrk run: requests per second, median and 99th percentile latency in ms, failed answers. */
    record Result(double rps, double p50Millis, double p99Millis, long requests, long non2xx) {}

    private final int threads;
    private final int connections;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Result run(String url, int seconds) throws IOException, InterruptedException {
        return start(url, seconds, Optional.empty(), connections).await();
    }

    /** Starts wrk in the background; {@code script} is a Lua file (e.g. for POST bodies). */
    Running start(String url, int seconds, Optional<Path> script, int conns) throws IOException {
        if (!url.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("load goes to 127.0.0.1 only");
        }
        List<String> cmd = new ArrayList<>(
                List.of("wrk", "-t" + threads, "-c" + conns, "-d" + seconds + "s", "--latency", "--timeout", "5s"));
        script.ifPresent(s -> cmd.addAll(List.of("-s", s.toString())));
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new Running(p, seconds);
    }

    /** A wrk process that is running. */
    record Running(Process process, int seconds) {
        Result await() throws IOException, InterruptedException {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("wrk did not stop");
            }
            return parse(out);
        }
    }

    static Result parse(String out) {
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("cannot read wrk's output:\n" + out);
        }
        Matcher total = TOTAL.matcher(out);
        Matcher non2xx = NON_2XX.matcher(out);
        return new Result(
                Double.parseDouble(rate.group(1)),
                millis(P50, out),
                millis(P99, out),
                total.find() ? Long.parseLong(total.group(1)) : 0,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }

    private static double millis(Pattern p, String out) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }
}
