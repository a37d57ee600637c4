package dev.sharebridge.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FakeInstance instance = new FakeInstance();
    private final List<SharebridgeConfig> opened = new ArrayList<>();
    private final List<Thread> hooks = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private Launcher launcher;

    @BeforeEach
    void setUp() {
        launcher = config -> {
            opened.add(config);
            return instance;
        };
        // Every test works in its own data directory.
        env.put("SHAREBRIDGE_SERVER__DATA_DIR", dir.resolve("data").toString());
    }

    private int run(String... args) {
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, launcher, hook -> {
                    hooks.add(hook);
                    // Behave as if SIGTERM arrived right after start-up.
                    hook.run();
                });
        return cli.run(args);
    }

    private List<String> stdout() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noCommandServesUntilTheShutdownHookStopsTheServer() {
        int code = run();

        assertThat(code).isEqualTo(Cli.OK);
        assertThat(instance.starts).isEqualTo(1);
        assertThat(hooks).hasSize(1);
        assertThat(instance.closes).isEqualTo(1);
        assertThat(opened).singleElement().extracting(c -> c.server().port()).isEqualTo(8080);
    }

    @Test
    void serveThatCannotStartExitsOneAndReleasesEverything() {
        instance.startFailure = new java.net.BindException("Address already in use");

        int code = run("serve");

        assertThat(code).isEqualTo(Cli.FAILURE);
        assertThat(stderr()).isEqualTo("sharebridge: cannot start: Address already in use" + System.lineSeparator());
        assertThat(instance.closes).isEqualTo(1);
        assertThat(hooks).isEmpty();
    }

    @Test
    void usersAddPrintsTheTokenAsTheLastLine() {
        int code = run("users", "add", "alice");

        assertThat(code).isEqualTo(Cli.OK);
        assertThat(stdout()).last().isEqualTo("token-for-alice");
        assertThat(instance.users).containsKey("alice");
        assertThat(instance.closes).isEqualTo(1);
    }

    @Test
    void theConfigOptionMayStandAnywhere() throws IOException {
        Path file = dir.resolve("sb.toml");
        Files.writeString(file, "[server]\nport = 9123\n");

        assertThat(run("--config", file.toString(), "users", "add", "bob")).isEqualTo(Cli.OK);
        assertThat(run("users", "add", "carol", "--config=" + file)).isEqualTo(Cli.OK);

        assertThat(opened).extracting(c -> c.server().port()).containsExactly(9123, 9123);
        assertThat(opened).extracting(c -> c.file().orElseThrow()).containsExactly(file, file);
    }

    @Test
    void theConfigFileCanComeFromTheEnvironment() throws IOException {
        Path file = dir.resolve("env.toml");
        Files.writeString(file, "[server]\nport = 9124\n");
        env.put("SHAREBRIDGE_CONFIG", file.toString());

        assertThat(run("users", "list")).isEqualTo(Cli.OK);

        assertThat(opened).singleElement().extracting(c -> c.server().port()).isEqualTo(9124);
    }

    @Test
    void addingAnExistingUserFails() {
        run("users", "add", "alice");

        int code = run("users", "add", "alice");

        assertThat(code).isEqualTo(Cli.FAILURE);
        assertThat(stderr()).contains("cannot add user alice: a user with this name exists");
    }

    @Test
    void anInvalidUserNameIsAUsageError() {
        int code = run("users", "add", "Not Valid!");

        assertThat(code).isEqualTo(Cli.USAGE);
        assertThat(stderr()).startsWith("sharebridge: user names are");
        assertThat(opened).isEmpty();
    }

    @Test
    void usersListAndRemove() {
        run("users", "add", "alice");
        run("users", "add", "bob");
        out.reset();

        assertThat(run("users", "remove", "alice")).isEqualTo(Cli.OK);
        assertThat(run("users", "list")).isEqualTo(Cli.OK);

        assertThat(stdout()).containsExactly("Removed user alice.", "bob\t2026-11-26T10:00:00Z");
        assertThat(run("users", "remove", "alice")).isEqualTo(Cli.FAILURE);
        assertThat(stderr()).contains("cannot remove user alice: no such user");
    }

    @Test
    void aBadConfigurationListsEveryProblemAndExitsTwo() throws IOException {
        Path file = dir.resolve("bad.toml");
        Files.writeString(file, "[server]\nport = -1\nbogus = 1\n");

        int code = run("--config", file.toString());

        assertThat(code).isEqualTo(Cli.USAGE);
        assertThat(stderr()).contains(file + ":2: [server] port: must be between 0 and 65535 (is -1)")
                .contains(file + ":3: [server] bogus: unknown key")
                .doesNotContain("Exception", "\tat ");
        assertThat(opened).isEmpty();
    }

    @Test
    void aMissingConfigFileExitsTwo() {
        int code = run("check-config", "--config", dir.resolve("missing.toml").toString());

        assertThat(code).isEqualTo(Cli.USAGE);
        assertThat(stderr()).contains("missing.toml: no such file");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run("frobnicate")).isEqualTo(Cli.USAGE);
        assertThat(run("users")).isEqualTo(Cli.USAGE);
        assertThat(run("users", "add")).isEqualTo(Cli.USAGE);
        assertThat(run("users", "add", "a", "b")).isEqualTo(Cli.USAGE);
        assertThat(run("users", "list", "x")).isEqualTo(Cli.USAGE);
        assertThat(run("--config")).isEqualTo(Cli.USAGE);
        assertThat(run("--verbose")).isEqualTo(Cli.USAGE);
        assertThat(run("serve", "now")).isEqualTo(Cli.USAGE);
        assertThat(stderr()).contains("unknown command frobnicate", "unknown option --verbose");
        assertThat(opened).isEmpty();
    }

    @Test
    void helpPrintsUsage() {
        assertThat(run("--help")).isEqualTo(Cli.OK);
        assertThat(stdout()).first().asString().startsWith("Usage: java -jar sharebridge.jar");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("users add NAME", "check-config", "--config FILE");
    }

    @Test
    void checkConfigSucceedsOnlyWhenEveryCheckPasses() {
        instance.checks.add(FakeInstance.check("database", Optional.empty()));

        assertThat(run("check-config")).isEqualTo(Cli.OK);
        assertThat(stdout()).contains("ok    data directory", "ok    storage root", "ok    database");
        assertThat(Files.isDirectory(dir.resolve("data/files"))).isTrue();

        instance.checks.add(FakeInstance.check("nextcloud", Optional.of("unreachable")));
        out.reset();
        assertThat(run("check-config")).isEqualTo(Cli.FAILURE);
        assertThat(stdout()).contains("FAIL  nextcloud: unreachable");
    }

    @Test
    void checkConfigFailsWhenTheStorageRootIsNotWritable() throws IOException {
        Path blocker = dir.resolve("a-file");
        Files.writeString(blocker, "x");
        env.put("SHAREBRIDGE_STORAGE__ROOT", blocker.resolve("files").toString());

        assertThat(run("check-config")).isEqualTo(Cli.FAILURE);

        assertThat(stdout()).anyMatch(line -> line.startsWith("FAIL  storage root: "));
        assertThat(opened).isEmpty();
    }

    @Test
    void checkConfigReportsAnInstanceThatCannotOpen() {
        launcher = config -> {
            throw new IllegalStateException("database unreachable", new java.net.ConnectException("refused"));
        };

        assertThat(run("check-config")).isEqualTo(Cli.FAILURE);
        assertThat(stdout()).contains("FAIL  startup: database unreachable: refused");
    }

    @Test
    void describeFoldsCausesOntoOneLine() {
        Exception e = new RuntimeException("outer\nline", new IllegalStateException("outer\nline"));

        assertThat(Cli.describe(e)).isEqualTo("outer line");
        assertThat(Cli.describe(new RuntimeException((String) null))).isEqualTo("RuntimeException");
    }
}
