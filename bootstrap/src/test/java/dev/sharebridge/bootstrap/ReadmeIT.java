package dev.sharebridge.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell command of README.md works when pasted in order into bash in an empty folder,
 * against the jar the build made (so this runs after {@code package}, as an integration test).
 *
 * <p>The commands run as written, with three changes only, so that the test neither needs port
 * 8080 nor the reader's folder layout: {@code 8080} becomes a free port (and
 * {@code SHAREBRIDGE_SERVER__PORT} says so to the server, as docs/configuration.md describes);
 * {@code $PWD/bootstrap/target/sharebridge.jar}, which the README's first command takes in the
 * repository root, becomes this build's jar; and the set-up block (build and test, which is
 * what this build is doing) is left out. Bash runs them with {@code set -euo pipefail}, so a
 * failing command or an unset variable fails the test.
 */
class ReadmeIT {
    private static final Path README = Path.of("..", "README.md");
    private static final Path JAR = Path.of("target", "sharebridge.jar");
    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);
    private static final String SET_UP_BEGIN = "<!-- set-up commands: begin";
    private static final String SET_UP_END = "<!-- set-up commands: end -->";

    @TempDir
    Path empty;

    /** The README's shell blocks after the set-up block, in order. */
    static List<String> shellBlocks(String readme) {
        int begin = readme.indexOf(SET_UP_BEGIN);
        int end = readme.indexOf(SET_UP_END);
        assertThat(begin).as("the set-up block is marked").isNotNegative().isLessThan(end);
        String rest = readme.substring(0, begin) + readme.substring(end);
        List<String> blocks = new ArrayList<>();
        Matcher m = SHELL_BLOCK.matcher(rest);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theReadmesCommandsWorkInOrderInAnEmptyFolder() throws Exception {
        assertThat(JAR).as("the jar of this build (mvn package)").isRegularFile();
        List<String> blocks = shellBlocks(Files.readString(README, StandardCharsets.UTF_8));
        assertThat(blocks).as("shell blocks of README.md").hasSizeGreaterThanOrEqualTo(4);
        String jarInReadme = "$PWD/bootstrap/target/sharebridge.jar";
        assertThat(String.join("\n", blocks)).contains(jarInReadme, "127.0.0.1:8080");
        int port = freePort();
        String commands = String.join("\n", blocks)
                .replace(jarInReadme, JAR.toAbsolutePath().normalize().toString())
                .replace("8080", Integer.toString(port));
        Path script = Files.writeString(
                empty.resolve("readme.sh"),
                "set -euo pipefail\n"
                        // a server the commands started and did not stop goes when the script ends, and
                        // the script waits for it: it writes its data directory while it stops, which
                        // raced the deletion of the test's folder
                        + "trap 'kill $(jobs -p) 2>/dev/null || true; wait' EXIT\n" + commands,
                StandardCharsets.UTF_8);
        Path folder = Files.createDirectory(empty.resolve("folder"));

        ProcessBuilder bash = new ProcessBuilder("bash", script.toString())
                .directory(folder.toFile())
                .redirectErrorStream(true);
        bash.environment().keySet().removeIf(name -> name.startsWith("SHAREBRIDGE_"));
        bash.environment().put("SHAREBRIDGE_SERVER__PORT", Integer.toString(port));
        Process p = bash.start();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }

        assertThat(p.exitValue()).as("bash readme.sh:\n%s", output).isZero();
        assertThat(output)
                .contains("\"code\":\"password_required\"", "Quarterly figures")
                .contains("\"read_write\":{\"url\":\"http://127.0.0.1:" + port + "/s/")
                .containsPattern("http://127\\.0\\.0\\.1:" + port + "/s/[A-Za-z0-9_-]{32}\n");
        Path tried = folder.resolve("sharebridge-try");
        assertThat(tried.resolve("shared-report.txt")).hasContent("Quarterly figures");
        assertThat(tried.resolve("data")).isDirectory();
        assertThat(Files.readString(tried.resolve("server.log"))).contains("listening on");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
