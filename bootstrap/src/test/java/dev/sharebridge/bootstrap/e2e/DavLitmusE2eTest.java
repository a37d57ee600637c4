package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sharebridge.adapter.nextcloud.FakeNextcloud;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WebDAV owner space {@code /dav/} and a writable folder link's space {@code /dav/s/{token}/}
 * against {@code litmus}, the WebDAV server test suite (Debian package {@code litmus}, which
 * {@code .ci/run} installs), on the real server: each suite with no failure. Skipped where litmus
 * is not installed.
 */
class DavLitmusE2eTest {
    private static final Pattern SUMMARY =
            Pattern.compile("<- summary for `(\\w+)': of (\\d+) tests run: (\\d+) passed, (\\d+) failed");

    @TempDir
    Path dir;

    private E2eServer server;
    private String token;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/litmus")), "litmus is not installed");
        server = E2eServer.start(dir);
        token = server.addUser("alice");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "copymove", "props", "locks", "http"})
    void suitePassesOnTheOwnerSpace(String suite) throws Exception {
        // litmus makes its own collection litmus/ under the URL and removes it at the end
        assertPasses(suite, litmus(suite, "owner", server.http().base() + "/dav/", "alice", token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"basic", "copymove", "props", "locks", "http"})
    void suitePassesOnAWritableFolderLink(String suite) throws Exception {
        Http http = server.http();
        assertThat(http.send("POST", "/api/folders/shared", null, Http.bearer(token))
                        .status())
                .isEqualTo(201);
        Http.Response link = http.postJson(
                "/api/shares",
                Map.of("item_id", "shared", "permissions", Map.of("read", true, "write", true, "reshare", false)),
                Http.bearer(token));
        assertThat(link.status()).as("%s", link).isEqualTo(201);
        String url = http.base() + "/dav/s/" + link.json().path("token").asText() + "/";
        // a link without a password needs no credentials; litmus sends its own only when asked
        assertPasses(suite, litmus(suite, "link", url, "visitor", "unused"));
    }

    /**
     * The owner space with its files on NextCloud storage ({@code [storage] provider =
     * "nextcloud"}), here the stateful fake of the adapter's tests on MockWebServer, which answers
     * as the recordings of a real NextCloud do: the same suites through the same storage port.
     */
    @ParameterizedTest
    @ValueSource(strings = {"basic", "copymove", "props", "locks", "http"})
    void suitePassesOnTheOwnerSpaceOverNextcloudStorage(String suite) throws Exception {
        FakeNextcloud cloud = new FakeNextcloud("sharebridge", "app-password-for-tests");
        cloud.mkdirs("sharebridge");
        try (MockWebServer nextcloud = new MockWebServer()) {
            nextcloud.setDispatcher(cloud);
            nextcloud.start();
            try (E2eServer onNextcloud = E2eServer.start(
                    Files.createDirectories(dir.resolve("nextcloud")),
                    String.join(
                            "\n",
                            "[storage]",
                            "provider = \"nextcloud\"",
                            "url = \"http://127.0.0.1:" + nextcloud.getPort() + "/\"",
                            "username = \"sharebridge\"",
                            "password = \"app-password-for-tests\"",
                            "directory = \"sharebridge\"",
                            ""))) {
                String bob = onNextcloud.addUser("bob");
                assertPasses(
                        suite, litmus(suite, "nextcloud", onNextcloud.http().base() + "/dav/", "bob", bob));
            }
        }
    }

    private static void assertPasses(String suite, String output) {
        Matcher m = SUMMARY.matcher(output);
        assertThat(m.find()).as("litmus printed no summary:%n%s", output).isTrue();
        assertThat(m.group(1)).isEqualTo(suite);
        assertThat(Integer.parseInt(m.group(4)))
                .as("failures in %s:%n%s", suite, output)
                .isZero();
        assertThat(m.group(3)).as("%s", output).isEqualTo(m.group(2));
    }

    private String litmus(String suite, String space, String url, String user, String password)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/litmus", url, user, password));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("TESTS", suite);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        // kept for reading: the summary with its warnings, and litmus' trace of every request
        Files.writeString(Path.of("target", "litmus-" + space + "-" + suite + ".log"), text, StandardCharsets.UTF_8);
        Path debug = dir.resolve("debug.log");
        if (Files.exists(debug)) {
            Files.copy(
                    debug,
                    Path.of("target", "litmus-" + space + "-" + suite + "-debug.log"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return text;
    }
}
