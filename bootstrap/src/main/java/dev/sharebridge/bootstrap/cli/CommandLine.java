package dev.sharebridge.bootstrap.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parsed arguments: a command with its operand and the options, which may appear anywhere
 * ({@code users add alice --config f.toml} and {@code --config f.toml users add alice} agree).
 *
 * @param name      the user name of {@code users add}, {@code users remove} and {@code users token}
 * @param helpTopic with {@code --help}: what to explain ({@code ""} for everything, {@code "users"},
 *                  {@code "users add"}, {@code "serve"}, ...); empty without it
 * @param version   {@code --version}: print the version and nothing else
 * @param size      the SIZE of {@code users quota NAME SIZE}; empty to show the quota
 */
public record CommandLine(
        Command command,
        Optional<String> name,
        Optional<Path> configFile,
        Optional<String> helpTopic,
        boolean version,
        Optional<String> size) {

    public CommandLine(
            Command command,
            Optional<String> name,
            Optional<Path> configFile,
            Optional<String> helpTopic,
            boolean version) {
        this(command, name, configFile, helpTopic, version, Optional.empty());
    }

    /** What to do. */
    public enum Command {
        SERVE,
        USERS_ADD,
        USERS_LIST,
        USERS_REMOVE,
        USERS_TOKEN,
        USERS_QUOTA,
        USERS_RECOUNT,
        CHECK_CONFIG,
        ROTATE_KEY
    }

    /** The {@code users} subcommands, as typed. */
    static final List<String> USERS_SUBCOMMANDS = List.of("add", "list", "remove", "token", "quota", "recount");

    public CommandLine {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(helpTopic, "helpTopic");
        Objects.requireNonNull(size, "size");
    }

    /** Whether {@code --help} (or {@code -h}) was given. */
    public boolean help() {
        return helpTopic.isPresent();
    }

    static CommandLine parse(String... args) throws UsageException {
        Optional<Path> config = Optional.empty();
        boolean help = false;
        boolean version = false;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--version")) {
                version = true;
            } else if (arg.equals("--config") || arg.startsWith("--config=")) {
                if (config.isPresent()) {
                    throw new UsageException("--config is given more than once");
                }
                String value;
                if (arg.equals("--config")) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--config needs a file");
                    }
                    value = args[++i];
                } else {
                    value = arg.substring("--config=".length());
                }
                if (value.isEmpty()) {
                    throw new UsageException("--config needs a file");
                }
                config = Optional.of(Path.of(value));
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new UsageException("unknown option " + arg);
            } else {
                words.add(arg);
            }
        }
        if (help) {
            return new CommandLine(Command.SERVE, Optional.empty(), config, Optional.of(helpTopic(words)), false);
        }
        if (version) {
            return new CommandLine(Command.SERVE, Optional.empty(), config, Optional.empty(), true);
        }
        return command(words, config);
    }

    /** What {@code --help} explains: the command the words name, as far as they name one. */
    private static String helpTopic(List<String> words) throws UsageException {
        if (words.isEmpty()) {
            return "";
        }
        String first = words.get(0);
        switch (first) {
            case "serve":
            case "check-config":
            case "rotate-key":
                return first;
            case "users":
                return words.size() > 1 && USERS_SUBCOMMANDS.contains(words.get(1)) ? "users " + words.get(1) : "users";
            default:
                throw new UsageException("unknown command " + first);
        }
    }

    private static CommandLine command(List<String> words, Optional<Path> config) throws UsageException {
        if (words.isEmpty()) {
            return new CommandLine(Command.SERVE, Optional.empty(), config, Optional.empty(), false);
        }
        String first = words.get(0);
        switch (first) {
            case "serve":
            case "check-config":
            case "rotate-key":
                if (words.size() > 1) {
                    throw new UsageException(first + " takes no arguments (got " + words.get(1) + ")");
                }
                Command command = switch (first) {
                    case "serve" -> Command.SERVE;
                    case "check-config" -> Command.CHECK_CONFIG;
                    default -> Command.ROTATE_KEY;
                };
                return new CommandLine(command, Optional.empty(), config, Optional.empty(), false);
            case "users":
                return users(words, config);
            default:
                throw new UsageException("unknown command " + first);
        }
    }

    private static CommandLine users(List<String> words, Optional<Path> config) throws UsageException {
        if (words.size() < 2) {
            throw new UsageException(
                    "users needs a subcommand: add NAME, list, remove NAME, token NAME, quota NAME [SIZE] or recount NAME");
        }
        String sub = words.get(1);
        switch (sub) {
            case "list":
                if (words.size() > 2) {
                    throw new UsageException("users list takes no arguments");
                }
                return new CommandLine(Command.USERS_LIST, Optional.empty(), config, Optional.empty(), false);
            case "quota":
                if (words.size() != 3 && words.size() != 4) {
                    throw new UsageException("users quota needs a NAME and at most one SIZE");
                }
                return new CommandLine(
                        Command.USERS_QUOTA,
                        Optional.of(words.get(2)),
                        config,
                        Optional.empty(),
                        false,
                        words.size() == 4 ? Optional.of(words.get(3)) : Optional.empty());
            case "add":
            case "remove":
            case "token":
            case "recount":
                if (words.size() != 3) {
                    throw new UsageException("users " + sub + " needs exactly one NAME");
                }
                Command command = switch (sub) {
                    case "add" -> Command.USERS_ADD;
                    case "remove" -> Command.USERS_REMOVE;
                    case "recount" -> Command.USERS_RECOUNT;
                    default -> Command.USERS_TOKEN;
                };
                return new CommandLine(command, Optional.of(words.get(2)), config, Optional.empty(), false);
            default:
                throw new UsageException(
                        "unknown users subcommand " + sub + " (add, list, remove, token, quota, recount)");
        }
    }
}
