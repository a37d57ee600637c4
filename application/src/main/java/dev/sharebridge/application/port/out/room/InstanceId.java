package dev.sharebridge.application.port.out.room;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One running server process among those sharing a database: random, made anew at each start, so
 * that a restarted process is never taken for the one that died.
 */
public record InstanceId(String value) {
    private static final Pattern VALID = Pattern.compile("[0-9a-f]{32}");

    public InstanceId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("an instance id is 32 lower-case hex digits");
        }
    }

    public static InstanceId random(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return new InstanceId(HexFormat.of().formatHex(b));
    }

    @Override
    public String toString() {
        return value;
    }
}
