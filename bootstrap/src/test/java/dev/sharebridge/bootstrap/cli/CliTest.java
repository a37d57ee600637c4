package dev.sharebridge.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        Cli cli = new Cli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                launcher,
                hook -> {
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
        assertThat(stderr())
                .contains(file + ":2: [server] port: must be between 0 and 65535 (is -1)")
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
    void versionPrintsTheBuildsVersionAndOpensNothing() {
        assertThat(run("--version")).isEqualTo(Cli.OK);

        assertThat(stdout())
                .singleElement()
                .asString()
                .matches("sharebridge \\d+\\.\\d+\\.\\d+.*")
                .doesNotContain("unknown")
                .doesNotContain("${");
        assertThat(opened).isEmpty();
    }

    @Test
    void usersQuotaShowsAndSetsTheQuotaInUnitsOf1024() {
        assertThat(run("users", "add", "alice")).isEqualTo(Cli.OK);
        out.reset();
        assertThat(run("users", "quota", "alice", "10G")).isEqualTo(Cli.OK);
        assertThat(stdout()).containsExactly("alice uses 42 bytes of 10737418240 (own quota)");
        assertThat(instance.quotas.get("alice")).hasValue(10L << 30);
        out.reset();
        assertThat(run("users", "quota", "alice", "none")).isEqualTo(Cli.OK);
        assertThat(stdout()).containsExactly("alice uses 42 bytes (no quota)");
        assertThat(run("users", "quota", "alice", "default")).isEqualTo(Cli.OK);
        assertThat(instance.quotas.get("alice")).isEmpty();
        assertThat(run("users", "quota", "alice", "1.5G")).isEqualTo(Cli.USAGE);
        assertThat(stderr()).contains("SIZE must be");
        assertThat(run("users", "quota", "alice", "0")).isEqualTo(Cli.USAGE);
        assertThat(run("users", "quota")).isEqualTo(Cli.USAGE);
        assertThat(run("users", "quota", "nobody", "1M")).isEqualTo(Cli.FAILURE);
        assertThat(run("users", "recount", "alice")).isEqualTo(Cli.OK);
    }

    @Test
    void sizesAreBytesOrPowersOf1024() {
        assertThat(Cli.parseSize("500M")).hasValue(500L << 20);
        assertThat(Cli.parseSize("64k")).hasValue(64L << 10);
        assertThat(Cli.parseSize("1T")).hasValue(1L << 40);
        assertThat(Cli.parseSize("123")).hasValue(123);
        assertThat(Cli.parseSize("none")).hasValue(0);
        assertThat(Cli.parseSize("default")).isEmpty();
        assertThatThrownBy(() -> Cli.parseSize("99999999999999T")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cli.parseSize("G")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        Map<List<String>, String> firstLines = Map.of(
                List.of("users", "add", "--help"), "Usage: java -jar sharebridge.jar users add NAME [--config FILE]",
                List.of("users", "token", "-h"), "Usage: java -jar sharebridge.jar users token NAME [--config FILE]",
                List.of("--help", "users", "remove"),
                        "Usage: java -jar sharebridge.jar users remove NAME [--config FILE]",
                List.of("users", "list", "--help"), "Usage: java -jar sharebridge.jar users list [--config FILE]",
                List.of("users", "--help"),
                        "Usage: java -jar sharebridge.jar users add|list|remove|token|quota|recount [NAME]"
                                + " [SIZE] [--config FILE]",
                List.of("users", "quota", "--help"),
                        "Usage: java -jar sharebridge.jar users quota NAME [SIZE] [--config FILE]",
                List.of("users", "recount", "--help"),
                        "Usage: java -jar sharebridge.jar users recount NAME [--config FILE]",
                List.of("check-config", "--help"), "Usage: java -jar sharebridge.jar check-config [--config FILE]",
                List.of("serve", "--help"), "Usage: java -jar sharebridge.jar [serve] [--config FILE]",
                List.of("rotate-key", "--help"), "Usage: java -jar sharebridge.jar rotate-key [--config FILE]");
        for (Map.Entry<List<String>, String> help : firstLines.entrySet()) {
            out.reset();
            assertThat(run(help.getKey().toArray(String[]::new)))
                    .as("%s", help.getKey())
                    .isEqualTo(Cli.OK);
            assertThat(stdout()).as("%s", help.getKey()).first().isEqualTo(help.getValue());
            assertThat(stdout())
                    .as("%s", help.getKey())
                    .anySatisfy(l -> assertThat(l)
                            .startsWith("Exit codes:")
                            .isNotEqualTo("Exit codes: 0 success, 1 failure, 2 bad usage or configuration."))
                    .hasSizeGreaterThan(3);
        }
        assertThat(run("frobnicate", "--help")).isEqualTo(Cli.USAGE);
        assertThat(opened).isEmpty();
    }

    @Test
    void usersTokenPrintsTheNewTokenAsTheLastLine() {
        assertThat(run("users", "add", "alice")).isEqualTo(Cli.OK);
        out.reset();

        assertThat(run("users", "token", "alice")).isEqualTo(Cli.OK);

        assertThat(stdout()).hasSize(2).last().isEqualTo("new-token-for-alice-1");
        assertThat(instance.users).containsKey("alice");
        assertThat(instance.closes).isEqualTo(2);
        assertThat(run("users", "token", "nobody")).isEqualTo(Cli.FAILURE);
        assertThat(stderr()).startsWith("sharebridge: cannot issue a token for user nobody: no such user");
        assertThat(run("users", "token")).isEqualTo(Cli.USAGE);
        assertThat(run("users", "token", "Not A Name")).isEqualTo(Cli.USAGE);
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
    void rotateKeySealsAnewAndSaysWithWhichKey() {
        assertThat(run("rotate-key")).isEqualTo(Cli.OK);

        assertThat(stdout())
                .containsExactly(
                        "Sealed the link passwords of 2 of 3 shared folders anew with key k3yId-Ab"
                                + " (the others were sealed with it already).",
                        "Every stored secret is sealed with key k3yId-Ab; previous_secret_keys are needed only for grants now.");
        assertThat(instance.reseals).isEqualTo(1);
        assertThat(instance.closes).isEqualTo(1);
        assertThat(instance.starts).as("no server").isZero();
        assertThat(run("rotate-key", "now")).isEqualTo(Cli.USAGE);
    }

    @Test
    void rotateKeyThatFindsAPasswordNoKeyOpensExitsOne() {
        instance.resealFailure = new IllegalStateException("the link passwords of room r1 cannot be opened with"
                + " the configured server keys (sealed value was made with key AbCdEfGh, which is not configured)");

        assertThat(run("rotate-key")).isEqualTo(Cli.FAILURE);

        assertThat(stderr())
                .isEqualTo("sharebridge: cannot rotate the key: the link passwords of room r1 cannot be"
                        + " opened with the configured server keys (sealed value was made with key AbCdEfGh, which is not"
                        + " configured)" + System.lineSeparator());
        assertThat(instance.closes).isEqualTo(1);
    }

    /** On PostgreSQL every command, serve and check-config first, refuses to run without a configured key. */
    @Test
    void onPostgresqlWithoutAKeyEveryCommandExitsTwoSayingHowToMakeOne() throws IOException {
        Path file = dir.resolve("pg.toml");
        Files.writeString(file, "[database]\nurl = \"jdbc:postgresql://127.0.0.1:5432/test\"\n");

        for (String[] command : List.of(
                new String[] {"serve"}, new String[] {"check-config"}, new String[] {"rotate-key"}, new String[] {
                    "users", "list"
                })) {
            err.reset();
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--config", file.toString()));

            assertThat(run(args.toArray(String[]::new))).as("%s", args).isEqualTo(Cli.USAGE);
            assertThat(stderr().lines())
                    .as("%s", args)
                    .containsExactly(
                            file
                                    + ": [security] secret_key: required on PostgreSQL, the same on every instance: set it to"
                                    + " the output of `openssl rand -base64 32`, or set secret_key_file to a file holding that",
                            "sharebridge: the configuration has 1 problem; see docs/configuration.md");
        }
        assertThat(opened).isEmpty();
        assertThat(stdout()).isEmpty();
        assertThat(Files.exists(dir.resolve("data"))).as("no key file was made").isFalse();

        env.put(
                "SHAREBRIDGE_SECURITY__SECRET_KEY_FILE",
                dir.resolve("secret.key").toString());
        assertThat(run("users", "list", "--config", file.toString())).isEqualTo(Cli.OK);
    }

    @Test
    void describeFoldsCausesOntoOneLine() {
        Exception e = new RuntimeException("outer\nline", new IllegalStateException("outer\nline"));

        assertThat(Cli.describe(e)).isEqualTo("outer line");
        assertThat(Cli.describe(new RuntimeException((String) null))).isEqualTo("RuntimeException");
    }
}
