package dev.sharebridge.bootstrap.cli;

import dev.sharebridge.bootstrap.config.SharebridgeConfig;

/** Builds the {@link Instance} for a configuration: the seam between the CLI and the composition root. */
@FunctionalInterface
public interface Launcher {

    /** Opens every resource the configuration names, without starting HTTP yet. */
    Instance open(SharebridgeConfig config) throws Exception;
}
