package dev.sharebridge.bootstrap.cli;

import dev.sharebridge.application.error.UseCaseException;
import dev.sharebridge.application.port.in.security.ResealSecretsUseCase;
import dev.sharebridge.application.port.in.user.NewUser;
import dev.sharebridge.application.port.in.user.UserQuotaUseCase;
import dev.sharebridge.bootstrap.config.ConfigException;
import dev.sharebridge.bootstrap.config.SharebridgeConfig;
import dev.sharebridge.bootstrap.config.StorageConfig;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line of the runnable jar: parses the arguments, loads the configuration and runs
 * one command against a {@link Launcher}. Expected failures become one-line messages on stderr
 * and an exit code ({@link #OK}, {@link #FAILURE}, {@link #USAGE}); never a stack trace.
 */
public final class Cli {
    public static final int OK = 0;
    /** The command could not do its job (user exists, database down, a check failed). */
    public static final int FAILURE = 1;
    /** Bad arguments or a configuration that cannot be used. */
    public static final int USAGE = 2;

    static final String USAGE_TEXT = lines(
            "Usage: java -jar sharebridge.jar [COMMAND] [--config FILE]",
            "",
            "Commands:",
            "  serve               start the server (the default when no command is given)",
            "  users add NAME      create a user and print its API token (shown once, as the last line)",
            "  users list          list the users",
            "  users remove NAME   remove a user with their share links and files",
            "  users token NAME    give a user a new API token (the old one stops working; files stay)",
            "  users quota NAME [SIZE]  show a user's used bytes and quota, or set the quota (10G, 500M, none)",
            "  users recount NAME  count a user's used bytes anew from the storage",
            "  check-config        check the configuration, the database and the storage; exit 0 when usable",
            "  rotate-key          seal the stored link passwords anew with the current server key",
            "",
            "Options (anywhere on the line):",
            "  --config FILE       read the TOML file FILE (default: $SHAREBRIDGE_CONFIG, else built-in defaults)",
            "  --help              show this help; COMMAND --help shows the help of one command",
            "  --version           print the version",
            "",
            "Any setting can be overridden by an environment variable SHAREBRIDGE_<SECTION>__<KEY>,",
            "e.g. SHAREBRIDGE_SERVER__PORT=9000; see docs/configuration.md.",
            "Exit codes: 0 success, 1 failure, 2 bad usage or configuration.");

    private static final String CONFIG_LINE =
            "--config FILE reads the configuration (default: $SHAREBRIDGE_CONFIG, else" + " built-in defaults).";
    private static final String WHILE_SERVING = "Works while the server is running on the same database.";

    /** The help of each command, by the words that name it. */
    static final Map<String, String> COMMAND_HELP = Map.of(
            "serve",
                    lines(
                            "Usage: java -jar sharebridge.jar [serve] [--config FILE]",
                            "",
                            "Starts the server and logs 'listening on http://HOST:PORT' when it is ready; Ctrl-C or",
                            "SIGTERM stops it cleanly. The start-up line names the version, the database and the storage.",
                            CONFIG_LINE,
                            "Exit codes: 0 stopped, 1 could not start, 2 bad usage or configuration."),
            "users",
                    lines(
                            "Usage: java -jar sharebridge.jar users add|list|remove|token|quota|recount [NAME]"
                                    + " [SIZE] [--config FILE]",
                            "",
                            "  users add NAME      create a user and print its API token (shown once, as the last line)",
                            "  users list          list the users",
                            "  users remove NAME   remove a user with their share links and files",
                            "  users token NAME    give a user a new API token (the old one stops working; files stay)",
                            "  users quota NAME [SIZE]  show a user's used bytes and quota, or set the quota (10G, 500M, none)",
                            "  users recount NAME  count a user's used bytes anew from the storage",
                            "",
                            "users COMMAND --help explains one of them. " + WHILE_SERVING,
                            "Exit codes: 0 done, 1 no such user (or it exists) or the database failed, 2 bad usage."),
            "users add",
                    lines(
                            "Usage: java -jar sharebridge.jar users add NAME [--config FILE]",
                            "",
                            "Creates the user NAME (1 to 64 of a-z 0-9 . _ -, starting with a letter or a digit) and",
                            "prints its API token as the last line of standard output: shown this once, only its hash",
                            "is stored (lost? see users token). " + WHILE_SERVING,
                            CONFIG_LINE,
                            "Exit codes: 0 added, 1 the user exists or the database failed, 2 bad usage or configuration."),
            "users list",
                    lines(
                            "Usage: java -jar sharebridge.jar users list [--config FILE]",
                            "",
                            "Prints one line per user: the name, a tab, and when the user was added (UTC). "
                                    + WHILE_SERVING,
                            CONFIG_LINE,
                            "Exit codes: 0 listed, 1 the database failed, 2 bad usage or configuration."),
            "users remove",
                    lines(
                            "Usage: java -jar sharebridge.jar users remove NAME [--config FILE]",
                            "",
                            "Removes the user NAME with all their share links, rooms and files. To give a user who lost",
                            "the token a new one instead, use users token. " + WHILE_SERVING,
                            CONFIG_LINE,
                            "Exit codes: 0 removed, 1 no such user or the storage failed, 2 bad usage or configuration."),
            "users token",
                    lines(
                            "Usage: java -jar sharebridge.jar users token NAME [--config FILE]",
                            "",
                            "Gives the user NAME a new API token, for a user who lost theirs, and prints it as the last",
                            "line of standard output (shown this once). The old token stops working at once, also in a",
                            "running server; the user's files, share links and rooms stay as they are. "
                                    + WHILE_SERVING,
                            CONFIG_LINE,
                            "Exit codes: 0 issued, 1 no such user or the database failed, 2 bad usage or configuration."),
            "users quota",
                    lines(
                            "Usage: java -jar sharebridge.jar users quota NAME [SIZE] [--config FILE]",
                            "",
                            "Without SIZE, prints the bytes user NAME uses and their quota. With SIZE, sets their quota:",
                            "a number of bytes with K, M, G or T (powers of 1024: 500M, 10G), 'none' for no quota, or",
                            "'default' to follow [limits] user_quota_mib. Uploads over the quota are answered 507; what",
                            "is stored stays even when it is over a new, smaller quota. " + WHILE_SERVING,
                            CONFIG_LINE,
                            "Exit codes: 0 done, 1 no such user or the database failed, 2 bad usage or configuration."),
            "users recount",
                    lines(
                            "Usage: java -jar sharebridge.jar users recount NAME [--config FILE]",
                            "",
                            "Counts the bytes of user NAME's files anew from the storage and keeps that as their use,",
                            "after files were changed beside the server. Uploads under way hold reservations the count",
                            "does not see: run it while the user uploads nothing. " + WHILE_SERVING,
                            CONFIG_LINE,
                            "Exit codes: 0 counted, 1 no such user or the storage failed, 2 bad usage or configuration."),
            "check-config",
                    lines(
                            "Usage: java -jar sharebridge.jar check-config [--config FILE]",
                            "",
                            "Checks the configuration file and the environment, then the data directory, the database,",
                            "the storage and, for NextCloud, that the server answers and has the needed capabilities.",
                            "Prints one line per check ('ok' or 'FAIL' and why).",
                            CONFIG_LINE,
                            "Exit codes: 0 usable, 1 a check failed, 2 bad usage or configuration."),
            "rotate-key",
                    lines(
                            "Usage: java -jar sharebridge.jar rotate-key [--config FILE]",
                            "",
                            "Seals every stored link password (of the rooms' shared folders) anew with the current key",
                            "([security] secret_key or secret_key_file), in one transaction, where a previous key",
                            "(previous_secret_keys) or no key id sealed it; then the previous key can be dropped. Run it",
                            "once every instance has the new key as current and the old one as previous",
                            "(docs/operations.md, \"Replacing the server key\"). Safe to run again. " + WHILE_SERVING,
                            CONFIG_LINE,
                            "Exit codes: 0 done, 1 a password opens with no configured key (nothing changed) or the",
                            "database failed, 2 bad usage or configuration."));

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Launcher launcher;
    private final Consumer<Thread> shutdownHooks;

    /**
     * @param shutdownHooks where {@code serve} registers the hook that stops the server
     *                      ({@code Runtime.getRuntime()::addShutdownHook} in production)
     */
    public Cli(
            PrintStream out,
            PrintStream err,
            Map<String, String> environment,
            Launcher launcher,
            Consumer<Thread> shutdownHooks) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.environment = Map.copyOf(environment);
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.shutdownHooks = Objects.requireNonNull(shutdownHooks, "shutdownHooks");
    }

    /** Runs the command the arguments name. @return the process exit code */
    public int run(String... args) {
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (UsageException e) {
            err.println("sharebridge: " + e.getMessage());
            err.println("Run with --help for usage.");
            return USAGE;
        }
        if (commandLine.help()) {
            out.println(COMMAND_HELP.getOrDefault(commandLine.helpTopic().orElseThrow(), USAGE_TEXT));
            return OK;
        }
        if (commandLine.version()) {
            out.println("sharebridge " + Version.current());
            return OK;
        }
        SharebridgeConfig config;
        try {
            config = SharebridgeConfig.load(configFile(commandLine), environment);
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            err.println("sharebridge: the configuration has " + e.problems().size()
                    + (e.problems().size() == 1 ? " problem" : " problems") + "; see docs/configuration.md");
            return USAGE;
        }
        switch (commandLine.command()) {
            case SERVE:
                return serve(config);
            case USERS_ADD:
                return addUser(config, commandLine.name().orElseThrow());
            case USERS_LIST:
                return listUsers(config);
            case USERS_REMOVE:
                return removeUser(config, commandLine.name().orElseThrow());
            case USERS_TOKEN:
                return issueToken(config, commandLine.name().orElseThrow());
            case USERS_QUOTA:
                return quota(config, commandLine.name().orElseThrow(), commandLine.size());
            case USERS_RECOUNT:
                return recount(config, commandLine.name().orElseThrow());
            case CHECK_CONFIG:
                return checkConfig(config);
            case ROTATE_KEY:
                return rotateKey(config);
            default:
                throw new IllegalStateException("unhandled command " + commandLine.command());
        }
    }

    private Optional<Path> configFile(CommandLine commandLine) {
        return commandLine
                .configFile()
                .or(() -> Optional.ofNullable(environment.get(SharebridgeConfig.CONFIG_FILE_VARIABLE))
                        .filter(s -> !s.isBlank())
                        .map(Path::of));
    }

    private int serve(SharebridgeConfig config) {
        Logger log = LoggerFactory.getLogger(Cli.class);
        Instance instance;
        try {
            instance = launcher.open(config);
        } catch (Exception e) {
            return fail("cannot start", e);
        }
        try {
            instance.start(); // the instance logs where it listens
        } catch (Exception e) {
            instance.close();
            return fail("cannot start", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        shutdownHooks.accept(new Thread(
                () -> {
                    log.info("stopping");
                    try {
                        instance.close();
                    } finally {
                        stopped.countDown();
                    }
                    log.info("stopped");
                },
                "sharebridge-shutdown"));
        try {
            stopped.await();
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            instance.close();
            return FAILURE;
        }
    }

    private int addUser(SharebridgeConfig config, String name) {
        Optional<UserId> id = userId(name);
        if (id.isEmpty()) {
            return USAGE;
        }
        NewUser added;
        try (Instance instance = launcher.open(config)) {
            added = instance.addUser().add(id.get());
        } catch (UseCaseException e) {
            err.println("sharebridge: cannot add user " + id.get() + ": " + e.getMessage());
            return FAILURE;
        } catch (Exception e) {
            return fail("cannot add user " + id.get(), e);
        }
        // Printed after everything is closed, so that nothing can come after the token.
        out.println("Added user " + added.user().id() + ". Its API token, shown this once, is the next line:");
        out.println(added.token());
        return OK;
    }

    private int listUsers(SharebridgeConfig config) {
        List<User> users;
        try (Instance instance = launcher.open(config)) {
            users = instance.listUsers().list();
        } catch (Exception e) {
            return fail("cannot list users", e);
        }
        for (User user : users) {
            out.println(user.id() + "\t" + user.createdAt());
        }
        return OK;
    }

    private int removeUser(SharebridgeConfig config, String name) {
        Optional<UserId> id = userId(name);
        if (id.isEmpty()) {
            return USAGE;
        }
        try (Instance instance = launcher.open(config)) {
            instance.removeUser().remove(id.get());
        } catch (UseCaseException e) {
            err.println("sharebridge: cannot remove user " + id.get() + ": " + e.getMessage());
            return FAILURE;
        } catch (Exception e) {
            return fail("cannot remove user " + id.get(), e);
        }
        out.println("Removed user " + id.get() + ".");
        return OK;
    }

    private int issueToken(SharebridgeConfig config, String name) {
        Optional<UserId> id = userId(name);
        if (id.isEmpty()) {
            return USAGE;
        }
        NewUser renewed;
        try (Instance instance = launcher.open(config)) {
            renewed = instance.issueToken().issueToken(id.get());
        } catch (UseCaseException e) {
            err.println("sharebridge: cannot issue a token for user " + id.get() + ": " + e.getMessage());
            return FAILURE;
        } catch (Exception e) {
            return fail("cannot issue a token for user " + id.get(), e);
        }
        // Printed after everything is closed, so that nothing can come after the token.
        out.println("New API token for user " + renewed.user().id()
                + " (the old one no longer works), shown this once, is the next line:");
        out.println(renewed.token());
        return OK;
    }

    private int rotateKey(SharebridgeConfig config) {
        ResealSecretsUseCase.Resealed done;
        try (Instance instance = launcher.open(config)) {
            done = instance.resealSecrets().reseal();
        } catch (Exception e) {
            return fail("cannot rotate the key", e);
        }
        out.println("Sealed the link passwords of " + done.resealed() + " of " + done.folders() + " shared folder"
                + (done.folders() == 1 ? "" : "s") + " anew with key " + done.keyId()
                + (done.resealed() == done.folders() ? "." : " (the others were sealed with it already)."));
        out.println("Every stored secret is sealed with key " + done.keyId()
                + "; previous_secret_keys are needed only for grants now.");
        return OK;
    }

    private static String lines(String... lines) {
        return String.join(System.lineSeparator(), lines);
    }

    private int quota(SharebridgeConfig config, String name, Optional<String> size) {
        Optional<UserId> id = userId(name);
        if (id.isEmpty()) {
            return USAGE;
        }
        Optional<OptionalLong> quota;
        try {
            quota = size.map(Cli::parseSize);
        } catch (IllegalArgumentException e) {
            err.println("sharebridge: " + e.getMessage());
            return USAGE;
        }
        UserQuotaUseCase.Usage usage;
        try (Instance instance = launcher.open(config)) {
            usage = quota.isPresent()
                    ? instance.userQuota().setQuota(id.get(), quota.get())
                    : instance.userQuota().usage(id.get());
        } catch (UseCaseException e) {
            err.println("sharebridge: cannot " + (quota.isPresent() ? "set" : "show") + " the quota of user " + id.get()
                    + ": " + e.getMessage());
            return FAILURE;
        } catch (Exception e) {
            return fail("cannot " + (quota.isPresent() ? "set" : "show") + " the quota of user " + id.get(), e);
        }
        out.println(describe(id.get(), usage));
        return OK;
    }

    private int recount(SharebridgeConfig config, String name) {
        Optional<UserId> id = userId(name);
        if (id.isEmpty()) {
            return USAGE;
        }
        UserQuotaUseCase.Usage usage;
        try (Instance instance = launcher.open(config)) {
            usage = instance.userQuota().recount(id.get());
        } catch (UseCaseException e) {
            err.println("sharebridge: cannot recount user " + id.get() + ": " + e.getMessage());
            return FAILURE;
        } catch (Exception e) {
            return fail("cannot recount user " + id.get(), e);
        }
        out.println(describe(id.get(), usage));
        return OK;
    }

    /** {@code alice uses 1234 bytes of 10737418240 (own quota)}: one line, for people and scripts. */
    static String describe(UserId user, UserQuotaUseCase.Usage usage) {
        String quota = usage.quotaBytes().isPresent()
                ? "of " + usage.quotaBytes().getAsLong() + (usage.ownQuota() ? " (own quota)" : " (default quota)")
                : "(no quota)";
        return user + " uses " + usage.usedBytes() + " bytes " + quota;
    }

    /**
     * {@code 10G}, {@code 500M}, {@code 64K}, {@code 1T} (powers of 1024), a plain number of bytes,
     * {@code none} (0: no quota) or {@code default} (empty: the server's default).
     */
    static OptionalLong parseSize(String size) {
        String s = size.strip().toUpperCase(Locale.ROOT);
        if (s.equals("NONE")) {
            return OptionalLong.of(0);
        }
        if (s.equals("DEFAULT")) {
            return OptionalLong.empty();
        }
        int shift = 0;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                case 'T' -> shift = 40;
                default -> shift = 0;
            }
        }
        String digits = shift == 0 ? s : s.substring(0, s.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.length() > 15) {
            throw new IllegalArgumentException(
                    "SIZE must be a number of bytes with K, M, G or T (e.g. 10G, 500M), none or default; got " + size);
        }
        long n = Long.parseLong(digits);
        if (n == 0) {
            throw new IllegalArgumentException("a quota of 0 bytes is none: write none");
        }
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("SIZE is too large: " + size);
        }
        return OptionalLong.of(n << shift);
    }

    private Optional<UserId> userId(String name) {
        try {
            return Optional.of(UserId.of(name));
        } catch (InvalidValueException e) {
            err.println("sharebridge: " + e.getMessage());
            return Optional.empty();
        }
    }

    private int checkConfig(SharebridgeConfig config) {
        out.println("ok    configuration (" + config.file().map(Path::toString).orElse("built-in defaults")
                + " and environment)");
        List<ReadinessCheck> checks = new ArrayList<>();
        checks.add(new WritableDirectoryCheck("data directory", config.server().dataDir()));
        if (config.storage() instanceof StorageConfig.Local) {
            checks.add(new WritableDirectoryCheck("storage root", ((StorageConfig.Local) config.storage()).root()));
        }
        boolean usable = run(checks);
        if (!usable) {
            // Opening would fail or create things in the wrong place; the reasons are printed.
            return FAILURE;
        }
        try (Instance instance = launcher.open(config)) {
            usable = run(instance.checks());
        } catch (Exception e) {
            out.println("FAIL  startup: " + describe(e));
            usable = false;
        }
        return usable ? OK : FAILURE;
    }

    private boolean run(List<ReadinessCheck> checks) {
        boolean allOk = true;
        for (ReadinessCheck check : checks) {
            Optional<String> problem = check.problem();
            if (problem.isEmpty()) {
                out.println("ok    " + check.name());
            } else {
                out.println("FAIL  " + check.name() + ": " + problem.get());
                allOk = false;
            }
        }
        return allOk;
    }

    private int fail(String what, Exception e) {
        err.println("sharebridge: " + what + ": " + describe(e));
        return FAILURE;
    }

    /** The messages of an exception and its causes on one line; callers never need a stack trace. */
    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        Throwable current = e;
        for (int depth = 0; current != null && depth < 4; depth++, current = current.getCause()) {
            String message = current.getMessage();
            String part =
                    message == null || message.isBlank() ? current.getClass().getSimpleName() : message;
            if (text.indexOf(part) >= 0) {
                continue;
            }
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(part);
        }
        return text.toString().replaceAll("[\\r\\n]+", " ");
    }
}
