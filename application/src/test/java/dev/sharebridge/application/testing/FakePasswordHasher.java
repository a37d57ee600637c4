package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.security.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast stand-in for bcrypt: salted SHA-256, so hashing the same password twice gives different
 * hashes (like bcrypt). Counts calls, and can hold {@link #verify} at a gate to test busy slots.
 */
public final class FakePasswordHasher implements PasswordHasher {
    /** Runs inside {@link #verify}, e.g. to block while a test checks what others see. */
    public interface Gate {
        void pass() throws InterruptedException;
    }

    private final AtomicInteger salts = new AtomicInteger();
    private final AtomicInteger hashCalls = new AtomicInteger();
    private final AtomicInteger verifyCalls = new AtomicInteger();
    private volatile Gate gate = () -> { };

    @Override
    public String hash(String password) {
        hashCalls.incrementAndGet();
        String salt = Integer.toString(salts.incrementAndGet());
        return "fake$" + salt + "$" + sha256(salt + "|" + password);
    }

    @Override
    public boolean verify(String password, String hash) {
        verifyCalls.incrementAndGet();
        try {
            gate.pass();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String[] parts = hash.split("\\$");
        return parts.length == 3 && parts[0].equals("fake") && parts[2].equals(sha256(parts[1] + "|" + password));
    }

    public void setGate(Gate gate) {
        this.gate = gate;
    }

    public int hashCalls() {
        return hashCalls.get();
    }

    public int verifyCalls() {
        return verifyCalls.get();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
