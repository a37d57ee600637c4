package dev.sharebridge.bootstrap.cli;

/** A command line that does not follow the usage; reported with exit code 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
