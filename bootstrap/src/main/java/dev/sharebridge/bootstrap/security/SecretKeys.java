package dev.sharebridge.bootstrap.security;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Obtains the 32-byte server key: from the configured base64 text, from a configured key file
 * (which must exist), or from the data directory's key file, which is created on first use (random, owner-only permissions, published atomically so that a server
 * and a CLI started at the same moment still end up with one and the same key).
 */
public final class SecretKeys {
    public static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String TEMP_PREFIX = ".secret-";
    private static final String TEMP_SUFFIX = ".tmp";
    /** Creating the key takes milliseconds; a temporary key file this old was left by a crash. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private SecretKeys() {}

    /** @throws IllegalArgumentException when the text is not base64 of exactly 32 bytes */
    public static byte[] decode(String base64) {
        String text = base64.trim();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            try {
                key = Base64.getUrlDecoder().decode(text);
            } catch (IllegalArgumentException e2) {
                throw new IllegalArgumentException("the server key is not base64");
            }
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the server key must be " + KEY_BYTES + " bytes");
        }
        return key;
    }

    /**
     * Reads a key file that must exist: one that is configured is never created, since a key of
     * this process's own would not be the key the other instances use.
     *
     * @throws IOException when it cannot be read or holds no valid key (the message never quotes it)
     */
    public static byte[] load(Path keyFile) throws IOException {
        String text;
        try {
            text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IOException(keyFile + " ([security] secret_key_file) does not exist;"
                    + " make it with `openssl rand -base64 32 > " + keyFile + "`");
        } catch (CharacterCodingException e) {
            throw new IOException(keyFile + " does not hold a base64 32-byte key");
        }
        try {
            return decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(keyFile + " does not hold a base64 32-byte key");
        }
    }

    /**
     * Reads the key file, or creates it with a fresh random key when it does not exist yet.
     *
     * @throws IOException when it cannot be read or written, or holds no valid key
     */
    public static byte[] loadOrCreate(Path keyFile, SecureRandom random) throws IOException {
        if (!Files.exists(keyFile)) {
            create(keyFile, random);
        }
        removeLeftovers(keyFile);
        String text = Files.readString(keyFile, StandardCharsets.US_ASCII);
        try {
            return decode(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(keyFile + " does not hold a base64 32-byte key");
        }
    }

    /**
     * Deletes the temporary key files of creations a crash cut off (each holds a key nobody
     * uses). Only those older than {@link #LEFTOVER_AGE}: a younger one may belong to a process
     * creating the key at this very moment, whose next step would fail without it.
     */
    private static void removeLeftovers(Path keyFile) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        FileTime before = FileTime.from(Instant.now().minus(LEFTOVER_AGE));
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                try {
                    if (Files.isRegularFile(temp, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(temp, LinkOption.NOFOLLOW_LINKS)
                                            .compareTo(before)
                                    < 0) {
                        Files.deleteIfExists(temp);
                    }
                } catch (NoSuchFileException gone) {
                    // removed by whoever made it
                }
            }
        }
    }

    private static void create(Path keyFile, SecureRandom random) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        // Written under a temporary name first so that no reader ever sees a half-written key.
        Path temp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX, attributes);
        try {
            Files.writeString(
                    temp,
                    Base64.getEncoder().encodeToString(key) + "\n",
                    StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
            try {
                // A hard link fails if the target exists, where a rename would replace a key
                // that another process has just created and may already be using.
                Files.createLink(keyFile, temp);
            } catch (FileAlreadyExistsException e) {
                // Another process won the race: its key is the key.
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(keyFile)) {
                    Files.move(temp, keyFile);
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
