package dev.sharebridge.bootstrap;

import dev.sharebridge.bootstrap.cli.Cli;
import dev.sharebridge.bootstrap.cli.Launcher;
import java.util.Arrays;
import java.util.List;

/** The entry point of {@code sharebridge.jar}: see {@link Cli} for the commands. */
public final class Main {
    /** Read by logback.xml; commands other than {@code serve} only log warnings and errors. */
    static final String LOG_LEVEL_PROPERTY = "sharebridge.log.level";

    private static final List<String> QUIET_COMMANDS = List.of("users", "check-config");

    private Main() {}

    public static void main(String[] args) {
        if (System.getProperty(LOG_LEVEL_PROPERTY) == null && isQuietCommand(args)) {
            System.setProperty(LOG_LEVEL_PROPERTY, "WARN");
        }
        Cli cli = new Cli(System.out, System.err, System.getenv(), launcher(), Runtime.getRuntime()::addShutdownHook);
        // After SIGTERM the hook has stopped the server; exit() then just waits for the hooks.
        System.exit(cli.run(args));
    }

    static boolean isQuietCommand(String[] args) {
        return Arrays.stream(args).anyMatch(QUIET_COMMANDS::contains)
                || Arrays.asList(args).contains("--help")
                || Arrays.asList(args).contains("-h")
                || Arrays.asList(args).contains("--version");
    }

    /**
     * The composition root. It joins this module when the adapters do: then this becomes
     * {@code return Sharebridge::open;} (see src/main/java-pending).
     */
    private static Launcher launcher() {
        return Sharebridge::open;
    }
}
