package dev.sharebridge.bootstrap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this build, as Maven wrote it into the jar: for {@code --version} and the start-up line. */
public final class Version {
    private static final String RESOURCE = "/dev/sharebridge/bootstrap/cli/version.properties";
    private static final String CURRENT = load();

    private Version() {}

    /** E.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from classes Maven did not build. */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "").strip();
            return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
