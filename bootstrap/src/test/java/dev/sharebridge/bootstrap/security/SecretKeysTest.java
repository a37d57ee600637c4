package dev.sharebridge.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    @Test
    void createsAnOwnerOnlyKeyFileOnceAndReadsItBack(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data").resolve("secret.key");

        byte[] first = SecretKeys.loadOrCreate(file, new SecureRandom());
        byte[] second = SecretKeys.loadOrCreate(file, new SecureRandom());

        assertThat(first).hasSize(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    /** A configured key file is the other instances' key: never made up here. */
    @Test
    void aConfiguredKeyFileIsReadAndNeverCreated(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("current.key");

        assertThatThrownBy(() -> SecretKeys.load(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + " ([security] secret_key_file) does not exist; make it with"
                        + " `openssl rand -base64 32 > " + file + "`");
        assertThat(Files.exists(file)).isFalse();

        byte[] key = new byte[32];
        key[31] = 9;
        Files.writeString(file, "  " + Base64.getEncoder().encodeToString(key) + "\n");
        assertThat(SecretKeys.load(file)).isEqualTo(key);

        String almost = Base64.getEncoder().encodeToString(new byte[31]);
        Files.writeString(file, almost);
        assertThatThrownBy(() -> SecretKeys.load(file))
                .isInstanceOf(IOException.class)
                .hasMessage(file + " does not hold a base64 32-byte key");
    }

    @Test
    void anExistingKeyFileIsNeverReplaced(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret.key");
        byte[] key = new byte[32];
        key[0] = 7;
        Files.writeString(file, Base64.getEncoder().encodeToString(key));

        assertThat(SecretKeys.loadOrCreate(file, new SecureRandom())).isEqualTo(key);
    }

    @Test
    void aTemporaryKeyFileACrashLeftIsRemovedAndOneBeingWrittenNowIsNot(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret.key");
        SecretKeys.loadOrCreate(file, new SecureRandom());
        Path crashed = Files.writeString(dir.resolve(".secret-123.tmp"), "a key nobody uses");
        Files.setLastModifiedTime(
                crashed,
                FileTime.from(Instant.now().minus(SecretKeys.LEFTOVER_AGE).minusSeconds(1)));
        Path beingWritten = Files.writeString(dir.resolve(".secret-456.tmp"), "another process's new key");
        Path other = Files.writeString(dir.resolve("notes.tmp"), "not ours");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        SecretKeys.loadOrCreate(file, new SecureRandom());

        assertThat(crashed).doesNotExist();
        assertThat(beingWritten).exists();
        assertThat(other).exists();
        assertThat(file).exists();
    }

    @Test
    void aBrokenKeyFileIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("secret.key");
        Files.writeString(file, "c2hvcnQ=");

        assertThatThrownBy(() -> SecretKeys.loadOrCreate(file, new SecureRandom()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("secret.key");
    }

    @Test
    void decodesAConfiguredKey() {
        byte[] key = new byte[32];
        key[31] = 1;

        assertThat(SecretKeys.decode(Base64.getEncoder().encodeToString(key) + "\n"))
                .isEqualTo(key);
        assertThat(SecretKeys.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(key)))
                .isEqualTo(key);
        assertThatThrownBy(() -> SecretKeys.decode("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretKeys.decode("***")).isInstanceOf(IllegalArgumentException.class);
    }
}
