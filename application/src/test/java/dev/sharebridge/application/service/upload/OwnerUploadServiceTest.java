package dev.sharebridge.application.service.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.ChecksumMismatchException;
import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.GoneException;
import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.port.in.upload.Chunk;
import dev.sharebridge.application.port.in.upload.NewUpload;
import dev.sharebridge.application.port.in.upload.UploadStatus;
import dev.sharebridge.application.port.out.upload.UploadQuota;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryUploadParts;
import dev.sharebridge.application.testing.InMemoryUploadRepository;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The owner's resumable uploads over the in-memory fakes: the rules of docs/uploads.md. */
class OwnerUploadServiceTest {
    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    private final MutableClock clock = MutableClock.at("2026-12-01T10:00:00Z");
    private final InMemoryUploadRepository rows = new InMemoryUploadRepository();
    private final InMemoryUploadParts parts = new InMemoryUploadParts();
    private final InMemoryStorageProvider storage = new InMemoryStorageProvider(clock);
    private UploadQuota quota = UploadQuota.NONE;

    private OwnerUploadService service() {
        UploadEngine engine = new UploadEngine(
                rows,
                parts,
                r -> quota.admit(r),
                new UploadSettings(1000, Duration.ofHours(24)),
                clock,
                new SecureRandom());
        return new OwnerUploadService(engine, storage);
    }

    private static Chunk chunk(long offset, String text) {
        return new Chunk(offset, new ByteArrayInputStream(text.getBytes()), Optional.empty());
    }

    private String stored(String path) throws Exception {
        try (InputStream in =
                storage.read(UserSpaces.toStorage(ALICE, ItemPath.parse(path)), Optional.empty()).stream()) {
            return new String(in.readAllBytes());
        }
    }

    @Test
    void chunksAddUpAndTheFileAppearsOnlyWhenComplete() throws Exception {
        OwnerUploadService uploads = service();
        UploadStatus created = uploads.create(ALICE, new NewUpload(ItemPath.parse("docs/a.txt"), 10, ""));
        assertThat(created.offset()).isZero();

        assertThat(uploads.append(ALICE, created.id(), chunk(0, "hello")).offset())
                .isEqualTo(5);
        assertThat(storage.stat(UserSpaces.toStorage(ALICE, ItemPath.parse("docs/a.txt"))))
                .isEmpty();
        assertThatThrownBy(() -> uploads.append(ALICE, created.id(), chunk(3, "xx")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> uploads.status(BOB, created.id())).isInstanceOf(NotFoundException.class);

        UploadStatus done = uploads.append(ALICE, created.id(), chunk(5, "world"));
        assertThat(done.isComplete()).isTrue();
        assertThat(stored("docs/a.txt")).isEqualTo("helloworld");
        assertThat(rows.size()).isZero();
        assertThat(parts.stored()).isEmpty();
        assertThatThrownBy(() -> uploads.status(ALICE, created.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void limitsAndTargetAreDecidedAtCreation() throws Exception {
        OwnerUploadService uploads = service();
        assertThatThrownBy(() -> uploads.create(ALICE, new NewUpload(ItemPath.parse("big"), 1001, "")))
                .isInstanceOf(TooLargeException.class);
        quota = r -> {
            throw new InsufficientStorageException("quota of " + r.space().value(), null);
        };
        assertThatThrownBy(() -> uploads.create(ALICE, new NewUpload(ItemPath.parse("q"), 10, "")))
                .isInstanceOf(InsufficientStorageException.class)
                .hasMessageContaining("alice");
        quota = UploadQuota.NONE;
        assertThatThrownBy(() -> uploads.create(ALICE, new NewUpload(ItemPath.root(), 10, "")))
                .isInstanceOf(InvalidValueException.class);
        storage.makeFolder(UserSpaces.toStorage(ALICE, ItemPath.parse("taken")));
        assertThatThrownBy(() -> uploads.create(ALICE, new NewUpload(ItemPath.parse("taken"), 10, "")))
                .isInstanceOf(ConflictException.class);
        assertThat(rows.size()).isZero();
    }

    @Test
    void aBrokenBodyKeepsWhatArrivedAndABadChecksumKeepsNothing() throws Exception {
        OwnerUploadService uploads = service();
        UploadStatus created = uploads.create(ALICE, new NewUpload(ItemPath.parse("b.bin"), 10, ""));
        InputStream breaking = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent == 4) {
                    throw new IOException("connection reset");
                }
                sent++;
                return 'x';
            }
        };
        assertThatThrownBy(() -> uploads.append(ALICE, created.id(), new Chunk(0, breaking, Optional.empty())))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(uploads.status(ALICE, created.id()).offset()).isEqualTo(4);

        byte[] wrong = MessageDigest.getInstance("SHA-1").digest("nope".getBytes());
        assertThatThrownBy(() -> uploads.append(
                        ALICE,
                        created.id(),
                        new Chunk(4, new ByteArrayInputStream("abc".getBytes()), Optional.of(wrong))))
                .isInstanceOf(ChecksumMismatchException.class);
        assertThat(uploads.status(ALICE, created.id()).offset()).isEqualTo(4);
        assertThatThrownBy(() -> uploads.append(ALICE, created.id(), chunk(4, "1234567")))
                .isInstanceOf(TooLargeException.class);
        assertThat(uploads.append(ALICE, created.id(), chunk(4, "yyyyyy")).isComplete())
                .isTrue();
        assertThat(stored("b.bin")).isEqualTo("xxxxyyyyyy");
    }

    @Test
    void expiredUploadsAreGoneAndSweptWithTheirBytes() throws Exception {
        OwnerUploadService uploads = service();
        UploadStatus created = uploads.create(ALICE, new NewUpload(ItemPath.parse("c.bin"), 10, ""));
        uploads.append(ALICE, created.id(), chunk(0, "abc"));
        clock.advance(Duration.ofHours(25));
        assertThatThrownBy(() -> uploads.status(ALICE, created.id())).isInstanceOf(GoneException.class);
        UploadEngine sweep =
                new UploadEngine(rows, parts, UploadQuota.NONE, UploadSettings.DEFAULTS, clock, new SecureRandom());
        assertThat(sweep.sweep(clock.instant())).isEqualTo(1);
        assertThat(rows.size()).isZero();
        assertThat(parts.bytes(created.id())).isEmpty();
    }

    @Test
    void anEmptyUploadIsCompleteAtOnce() throws Exception {
        UploadStatus created = service().create(ALICE, new NewUpload(ItemPath.parse("new/empty"), 0, ""));
        assertThat(created.isComplete()).isTrue();
        assertThat(stored("new/empty")).isEmpty();
    }
}
