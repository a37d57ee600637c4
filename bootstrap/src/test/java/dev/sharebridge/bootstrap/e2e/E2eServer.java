package dev.sharebridge.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.adapter.persistence.jdbi.PostgresSchema;
import dev.sharebridge.bootstrap.Sharebridge;
import dev.sharebridge.bootstrap.cli.Cli;
import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One real Sharebridge in this JVM, built by the composition root from a TOML file in a test's
 * own directory, listening on a free port. Users are added through the CLI code path, as an
 * operator would.
 */
final class E2eServer implements AutoCloseable {
    /** The longest delay of an answer to a wrong password, and that of every throttled answer. */
    static final Duration MAX_ANSWER_DELAY = Duration.ofMillis(400);

    private final Path configFile;
    private final Sharebridge sharebridge;
    private final Http http;

    private E2eServer(Path configFile, Sharebridge sharebridge, Http http) {
        this.configFile = configFile;
        this.sharebridge = sharebridge;
        this.http = http;
    }

    /**
     * The TOML every test server uses: its own data directory, a free port, a fast bcrypt, and
     * short answer delays after wrong passwords (growing from 20 ms to {@link #MAX_ANSWER_DELAY}).
     */
    static String baseToml(Path dir) {
        return String.join(
                "\n",
                "[server]",
                "port = 0",
                "data_dir = " + literal(dir.resolve("data")),
                "",
                "[security]",
                "bcrypt_cost = 10",
                "verify_delay_ms = 20",
                "verify_delay_max_ms = " + MAX_ANSWER_DELAY.toMillis(),
                "");
    }

    /**
     * A {@code secret_key = '…'} line with a fresh random key, for {@link #baseToml}'s
     * {@code [security]} section: PostgreSQL needs a configured key.
     */
    static String secretKeyLine() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "secret_key = '" + java.util.Base64.getEncoder().encodeToString(key) + "'";
    }

    /**
     * The {@code [database]} section for the test PostgreSQL server ({@link PostgresSchema}) at
     * {@code jdbcUrl}; PostgreSQL also needs a server key ({@link #secretKeyLine}) before it.
     */
    static String databaseToml(String jdbcUrl) {
        return String.join(
                "\n",
                "[database]",
                "url = '" + jdbcUrl + "'",
                "username = '" + PostgresSchema.USER + "'",
                "password = '" + PostgresSchema.PASSWORD + "'",
                "");
    }

    /** A TOML literal string, which needs no escaping of backslashes. */
    static String literal(Path path) {
        String text = path.toAbsolutePath().toString();
        assertThat(text).doesNotContain("'");
        return "'" + text + "'";
    }

    /** Starts a server whose configuration is {@link #baseToml} plus {@code extraToml}. */
    static E2eServer start(Path dir, String extraToml) throws Exception {
        Path configFile = dir.resolve("sharebridge.toml");
        Files.writeString(configFile, baseToml(dir) + extraToml, StandardCharsets.UTF_8);
        return startWith(configFile);
    }

    static E2eServer start(Path dir) throws Exception {
        return start(dir, "");
    }

    static E2eServer startWith(Path configFile) throws Exception {
        SharebridgeConfig config = SharebridgeConfig.load(Optional.of(configFile), Map.of());
        Sharebridge sharebridge = Sharebridge.open(config);
        try {
            int port = sharebridge.start();
            return new E2eServer(configFile, sharebridge, new Http("http://127.0.0.1:" + port));
        } catch (RuntimeException e) {
            sharebridge.close();
            throw e;
        }
    }

    Path configFile() {
        return configFile;
    }

    Http http() {
        return http;
    }

    /** The composition root, for what only a test asks of it (a sweep at a chosen time). */
    Sharebridge sharebridge() {
        return sharebridge;
    }

    /** Runs {@code users add NAME} through the real CLI and launcher. @return the printed token */
    String addUser(String name) {
        CliRun run = cli("users", "add", name);
        assertThat(run.code()).as("users add %s: %s", name, run.stderr()).isEqualTo(Cli.OK);
        assertThat(run.stdout()).isNotEmpty();
        String token = run.stdout().get(run.stdout().size() - 1);
        assertThat(token).isNotBlank().doesNotContain(" ");
        return token;
    }

    /** What one in-process CLI run printed and returned. */
    record CliRun(int code, List<String> stdout, String stderr) {}

    CliRun cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = configFile.toString();
        Cli cli = new Cli(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(),
                Sharebridge::open,
                hook -> {
                    throw new AssertionError("only serve registers a shutdown hook");
                });
        int code = cli.run(all);
        return new CliRun(
                code, out.toString(StandardCharsets.UTF_8).lines().toList(), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        sharebridge.close();
    }
}
