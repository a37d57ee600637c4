package dev.sharebridge.application.service.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.InsufficientStorageException;
import dev.sharebridge.application.error.TooLargeException;
import dev.sharebridge.application.port.in.user.UserQuotaUseCase;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.port.out.upload.UploadOwner;
import dev.sharebridge.application.port.out.upload.UploadQuota;
import dev.sharebridge.application.service.file.FileService;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.application.service.user.UserQuotaService;
import dev.sharebridge.application.testing.InMemoryDeletionFence;
import dev.sharebridge.application.testing.InMemoryMoveJournal;
import dev.sharebridge.application.testing.InMemoryParticipantRegistry;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemorySpaceAccounting;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.item.StoredItem;
import dev.sharebridge.domain.share.LinkLimits;
import dev.sharebridge.domain.share.LinkPolicy;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Quotas and limits over the in-memory fakes (docs/architecture.md, "Quotas"). */
class QuotasTest {
    private final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    private final InMemoryShareRepository shares = new InMemoryShareRepository();
    private final InMemoryStorageProvider files = new InMemoryStorageProvider(clock);
    private final InMemorySpaceAccounting accounting = new InMemorySpaceAccounting(shares);
    private final InMemoryParticipantRegistry instances = new InMemoryParticipantRegistry();
    private final UserId alice = UserId.of("alice");
    private final Quotas quotas = new Quotas(accounting, shares, new QuotaSettings(1000), 500);
    private final FileService service = fileService();

    QuotasTest() {
        accounting.addUser(alice);
    }

    private FileService fileService() {
        InstanceId instance = InstanceId.random(new SecureRandom());
        instances.join(instance, clock.instant(), clock.instant().plusSeconds(60));
        return new FileService(
                files,
                shares,
                new InMemoryDeletionFence(shares),
                new InMemoryMoveJournal(shares, instances),
                instance,
                clock,
                Optional.empty(),
                quotas);
    }

    private static InputStream bytes(int n) {
        return new ByteArrayInputStream(new byte[n]);
    }

    private long used() {
        return accounting.usage(alice).orElseThrow().used();
    }

    private long stored() throws Exception {
        return Quotas.sizeAt(files, UserSpaces.root(alice));
    }

    @Test
    void concurrent_uploads_of_known_length_fill_the_quota_exactly_and_never_more() throws Exception {
        int threads = 20;
        List<Boolean> outcomes = race(threads, i -> {
            service.upload(alice, ItemPath.parse("f" + i), bytes(100), OptionalLong.of(100));
            return true;
        });
        assertThat(outcomes.stream().filter(b -> b).count()).isEqualTo(10);
        assertThat(used()).isEqualTo(1000);
        assertThat(stored()).isEqualTo(1000);
    }

    @Test
    void concurrent_chunked_uploads_never_go_over_and_leave_nothing_when_refused() throws Exception {
        List<Boolean> outcomes = race(10, i -> {
            service.upload(alice, ItemPath.parse("c" + i), bytes(300), OptionalLong.empty());
            return true;
        });
        long placed = outcomes.stream().filter(b -> b).count();
        assertThat(placed).isBetween(1L, 3L);
        assertThat(stored()).isEqualTo(placed * 300).isLessThanOrEqualTo(1000);
        assertThat(used()).isEqualTo(stored());
    }

    interface Attempt {
        boolean run(int i) throws Exception;
    }

    /** Runs {@code n} attempts at once; an attempt refused for room or size is false. */
    private static List<Boolean> race(int n, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return attempt.run(k);
                    } catch (InsufficientStorageException | TooLargeException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> f : futures) {
                outcomes.add(f.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void over_the_quota_with_a_known_length_is_refused_before_a_byte_is_read() throws Exception {
        service.upload(alice, ItemPath.parse("a"), bytes(450), OptionalLong.of(450));
        service.upload(alice, ItemPath.parse("b"), bytes(450), OptionalLong.of(450));
        InputStream untouched = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read before the quota was checked");
            }
        };
        assertThatThrownBy(() -> service.upload(alice, ItemPath.parse("c"), untouched, OptionalLong.of(101)))
                .isInstanceOf(InsufficientStorageException.class)
                .hasMessageContaining("quota");
        assertThat(used()).isEqualTo(900);
    }

    @Test
    void over_the_largest_file_is_413_before_reading_or_while_streaming_and_nothing_stays() throws Exception {
        assertThatThrownBy(() -> service.upload(alice, ItemPath.parse("big"), bytes(501), OptionalLong.of(501)))
                .isInstanceOf(TooLargeException.class);
        assertThatThrownBy(() -> service.upload(alice, ItemPath.parse("big"), bytes(501), OptionalLong.empty()))
                .isInstanceOf(TooLargeException.class);
        assertThat(files.stat(UserSpaces.toStorage(alice, ItemPath.parse("big"))))
                .isEmpty();
        assertThat(used()).isZero();
    }

    @Test
    void replacing_deleting_and_copying_keep_the_count() throws Exception {
        service.upload(alice, ItemPath.parse("d/a"), bytes(400), OptionalLong.of(400));
        service.upload(alice, ItemPath.parse("d/a"), bytes(100), OptionalLong.empty());
        assertThat(used()).isEqualTo(100);
        service.copy(alice, ItemPath.parse("d"), ItemPath.parse("e"), false);
        assertThat(used()).isEqualTo(200);
        service.delete(alice, ItemPath.parse("d"));
        assertThat(used()).isEqualTo(100).isEqualTo(stored());
    }

    @Test
    void a_copy_over_the_quota_is_refused() throws Exception {
        service.upload(alice, ItemPath.parse("a"), bytes(400), OptionalLong.of(400));
        service.copy(alice, ItemPath.parse("a"), ItemPath.parse("b"), false);
        assertThatThrownBy(() -> service.copy(alice, ItemPath.parse("a"), ItemPath.parse("c"), false))
                .isInstanceOf(InsufficientStorageException.class);
        assertThat(used()).isEqualTo(800).isEqualTo(stored());
    }

    private Share dropLink(LinkLimits limits) {
        Share s = Share.ownerLink(
                        ShareId.random(),
                        ShareToken.generate(new SecureRandom()),
                        alice,
                        ItemPath.parse("drop"),
                        ItemType.FOLDER,
                        LinkPolicy.of(new SharePermissions(false, true, false)),
                        clock.instant())
                .withLimits(limits);
        shares.insert(s);
        return s;
    }

    @Test
    void a_link_receives_no_more_than_its_max_upload_bytes_nor_files_over_its_max_file_bytes() throws Exception {
        Share link = dropLink(new LinkLimits(Optional.of(250L), Optional.of(200L)));
        quotas.begin(link, OptionalLong.of(200)).commit(200, 0);
        assertThatThrownBy(() -> quotas.begin(link, OptionalLong.of(201)))
                .isInstanceOf(TooLargeException.class)
                .hasMessageContaining("200");
        assertThatThrownBy(() -> quotas.begin(link, OptionalLong.of(60)))
                .isInstanceOf(TooLargeException.class)
                .hasMessageContaining("link");
        assertThat(accounting.received(link.id())).isEqualTo(200);
        assertThat(used()).isEqualTo(200);
    }

    @Test
    void a_tus_upload_holds_its_reservation_until_it_is_released() throws Exception {
        Share link = dropLink(new LinkLimits(Optional.of(300L), Optional.empty()));
        quotas.admit(new UploadQuota.Request(alice, Optional.of(link.id()), 300));
        assertThat(accounting.received(link.id())).isEqualTo(300);
        assertThatThrownBy(() -> quotas.admit(new UploadQuota.Request(alice, Optional.of(link.id()), 1)))
                .isInstanceOf(TooLargeException.class);
        quotas.release(new UploadOwner.Link(link.id()), 300);
        assertThat(accounting.received(link.id())).isZero();
        assertThat(used()).isZero();
    }

    @Test
    void a_reshared_link_counts_against_its_parents_limits_too() throws Exception {
        Share parent = dropLink(new LinkLimits(Optional.of(100L), Optional.empty()));
        Share child = Share.reshare(
                parent,
                ShareId.random(),
                ShareToken.generate(new SecureRandom()),
                LinkPolicy.of(new SharePermissions(false, true, false)),
                clock.instant());
        shares.insert(child);
        quotas.begin(child, OptionalLong.of(80)).commit(80, 0);
        assertThatThrownBy(() -> quotas.begin(child, OptionalLong.of(21))).isInstanceOf(TooLargeException.class);
        assertThat(accounting.received(parent.id())).isEqualTo(80);
        assertThat(accounting.received(child.id())).isEqualTo(80);
    }

    @Test
    void the_quota_use_case_sets_shows_and_recounts() throws Exception {
        UserQuotaUseCase users = new UserQuotaService(accounting, files, new QuotaSettings(1000));
        assertThat(users.usage(alice).quotaBytes()).hasValue(1000);
        assertThat(users.usage(alice).ownQuota()).isFalse();
        assertThat(users.setQuota(alice, OptionalLong.of(5000)).quotaBytes()).hasValue(5000);
        assertThat(users.setQuota(alice, OptionalLong.of(0)).quotaBytes()).isEmpty();
        files.put(UserSpaces.toStorage(alice, ItemPath.parse("beside/x")), "12345");
        assertThat(users.recount(alice).usedBytes()).isEqualTo(5);
        Optional<StoredItem> x = files.stat(UserSpaces.toStorage(alice, ItemPath.parse("beside/x")));
        assertThat(x).isPresent();
        assertThatThrownBy(() -> users.usage(UserId.of("nobody")))
                .isInstanceOf(dev.sharebridge.application.error.NotFoundException.class);
    }
}
