package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.security.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast stand-in for bcrypt: salted SHA-256, so hashing the same password twice gives different
 * hashes (like bcrypt). Counts calls, and can hold {@link #verify} (busy slots) and {@link #hash} (races with deletions)
 * at a gate.
 */
public final class FakePasswordHasher implements PasswordHasher {
    /** Runs inside {@link #verify}, e.g. to block while a test checks what others see. */
    public interface Gate {
        void pass() throws InterruptedException;
    }

    private final AtomicInteger salts = new AtomicInteger();
    private final AtomicInteger hashCalls = new AtomicInteger();
    private final AtomicInteger verifyCalls = new AtomicInteger();
    private volatile Gate gate = () -> {};
    private volatile Gate hashGate = () -> {};

    @Override
    public String hash(String password) {
        hashCalls.incrementAndGet();
        pass(hashGate);
        String salt = Integer.toString(salts.incrementAndGet());
        return "fake$" + salt + "$" + sha256(salt + "|" + password);
    }

    @Override
    public boolean verify(String password, String hash) {
        verifyCalls.incrementAndGet();
        pass(gate);
        String[] parts = hash.split("\\$");
        return parts.length == 3 && parts[0].equals("fake") && parts[2].equals(sha256(parts[1] + "|" + password));
    }

    public void setGate(Gate gate) {
        this.gate = gate;
    }

    /** A gate inside {@link #hash}: where a creation pauses between looking at the item and storing its link. */
    public void setHashGate(Gate gate) {
        this.hashGate = gate;
    }

    private static void pass(Gate g) {
        try {
            g.pass();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int hashCalls() {
        return hashCalls.get();
    }

    public int verifyCalls() {
        return verifyCalls.get();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
