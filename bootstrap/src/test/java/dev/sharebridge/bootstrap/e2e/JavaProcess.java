package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code dev.sharebridge.bootstrap.Main} in a JVM of its own, started with this test JVM's
 * Java and class path, exactly as {@code java -jar sharebridge.jar ...} would run it. Its stdout
 * and stderr are drained by two threads so it never blocks on a full pipe; every wait is bounded.
 */
final class JavaProcess implements AutoCloseable {
    /** How long a JVM may take to start, open the database and answer, on a busy 2-core machine. */
    static final Duration STARTUP = Duration.ofSeconds(120);

    /** A frame of a stack trace, as the JVM prints it or as logback.xml folds it onto one line. */
    private static final Pattern STACK_FRAME = Pattern.compile("(^|\\|)\\s*at [\\w$.]+\\(");

    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final Thread stdoutDrain;
    private final Thread stderrDrain;

    private JavaProcess(Process process) {
        this.process = process;
        this.stdoutDrain = drain(process.getInputStream(), stdout, stdoutLines, "stdout");
        this.stderrDrain = drain(process.getErrorStream(), stderr, new LinkedBlockingQueue<>(), "stderr");
    }

    /** Runs {@code Main} with {@code args} in {@code workDir}, without any SHAREBRIDGE_* variable of ours. */
    static JavaProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, List.of(), args);
    }

    /** As {@link #start(Path, String...)}, with {@code jvmOptions} (e.g. {@code -Dsharebridge.log.level=DEBUG}). */
    static JavaProcess start(Path workDir, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a small, quick JVM: the machine is shared
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.sharebridge.bootstrap.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SHAREBRIDGE_"));
        return new JavaProcess(builder.start());
    }

    /** Runs {@code Main} to its end. */
    static JavaProcess run(Path workDir, String... args) throws IOException {
        JavaProcess process = start(workDir, args);
        process.awaitExit(STARTUP);
        return process;
    }

    /** Waits for the first stdout line matching {@code wanted}; fails when the process ends or time is up. */
    String awaitLine(Predicate<String> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return fail("no such line within " + timeout + "; output so far:\n" + output());
                }
                String line =
                        stdoutLines.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)), TimeUnit.NANOSECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
                if (line == null && !process.isAlive() && !stdoutDrain.isAlive() && stdoutLines.isEmpty()) {
                    return fail("the process ended (exit " + process.exitValue() + ") without that line:\n" + output());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /** Waits (bounded) for the process to end and for its output to be read to the end. @return exit code */
    int awaitExit(Duration timeout) {
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly();
                fail("the process did not end within " + timeout + "; output:\n" + output());
            }
            stdoutDrain.join(TimeUnit.SECONDS.toMillis(30));
            stderrDrain.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(stdoutDrain.isAlive() || stderrDrain.isAlive())
                    .as("output read to the end")
                    .isFalse();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted");
        }
    }

    /**
     * SIGTERM, as {@code kill PID} or a service manager would send. Through the process handle:
     * {@code Process.destroy()} sends the same signal but also closes our ends of the pipes, and
     * then the shutdown log could not be read.
     */
    void terminate() {
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
    }

    /** SIGKILL, a crash as far as the process can tell: no shutdown hook, no clean-up. */
    void kill() {
        assertThat(process.toHandle().destroyForcibly()).as("SIGKILL sent").isTrue();
    }

    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Both streams, for assertion messages. */
    String output() {
        return "--- stdout\n" + String.join("\n", stdout()) + "\n--- stderr\n" + String.join("\n", stderr());
    }

    /** Whether anything the process printed looks like a stack trace. */
    boolean printedAStackTrace() {
        List<String> all = new ArrayList<>(stdout());
        all.addAll(stderr());
        return all.stream().anyMatch(l -> STACK_FRAME.matcher(l).find() || l.contains("Exception in thread"));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static Thread drain(InputStream stream, List<String> lines, BlockingQueue<String> queue, String name) {
        Thread thread = new Thread(
                () -> {
                    try (BufferedReader reader =
                            new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            lines.add(line);
                            queue.add(line);
                        }
                    } catch (IOException e) {
                        // the pipe was closed on our side (close() after a failed test): nothing more to read
                        lines.add("[" + name + " closed: " + e.getMessage() + "]");
                    }
                },
                "e2e-" + name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
