package dev.sharebridge.bootstrap.cli;

import java.util.Optional;

/**
 * One thing {@code check-config} verifies before declaring a configuration usable (a database
 * answers, a directory is writable, a NextCloud server is reachable and capable).
 */
public interface ReadinessCheck {

    /** Short name shown next to the result, e.g. {@code database}. */
    String name();

    /** Runs the check; empty when all is well, else a one-line reason without secrets. Never throws. */
    Optional<String> problem();
}
