package dev.sharebridge.bootstrap.config;

/**
 * Where a setting came from, for error messages: a file and line, or an environment variable.
 *
 * @param line 1-based line, 0 when unknown or not from a file
 */
record Origin(String source, int line, boolean environment) {

    static Origin file(String file, int line) {
        return new Origin(file, line, false);
    }

    static Origin variable(String name) {
        return new Origin("environment " + name, 0, true);
    }

    String label() {
        return line > 0 ? source + ":" + line : source;
    }
}
