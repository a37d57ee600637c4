package dev.sharebridge.application.service.publicshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.counting.AccessGroupCommit;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.port.in.publicshare.OpenedShare;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ZipDownload;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Opening links: existence, expiry, the one not-found, counting; room links. */
class OpenShareServiceTest extends PublicShareFixture {
    // ---- existence, expiry, the one NotFound

    @Test
    void open_describes_the_item_and_counts() throws Exception {
        Share s = share(
                "docs/a.txt",
                ItemType.FILE,
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        OpenedShare o = services.open().open(as(s));

        assertThat(o.itemName()).isEqualTo("a.txt");
        assertThat(o.itemType()).isEqualTo(ItemType.FILE);
        assertThat(o.size()).isEqualTo(5);
        assertThat(o.hasPassword()).isFalse();
        assertThat(o.label()).contains("lbl");
        assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isEqualTo(1);
        assertThat(shares.findById(s.id()).orElseThrow().lastAccessedAt()).contains(clock.instant());
    }

    @Test
    void a_link_works_until_the_millisecond_before_it_expires() throws Exception {
        Instant expiry = clock.instant().plus(Duration.ofHours(2));
        Share s = share(
                "docs",
                ItemType.FOLDER,
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.of(expiry),
                Optional.empty());

        clock.set(expiry.minusMillis(1));
        assertThat(services.browse().list(as(s), ItemPath.root()).children()).hasSize(2);
        assertThat(services.open().open(as(s)).expiresAt()).contains(expiry);

        clock.set(expiry);
        assertThatThrownBy(() -> services.open().open(as(s)))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(PublicShareServices.NOT_FOUND);
        assertThatThrownBy(() -> services.browse().list(as(s), ItemPath.root())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.download().download(as(s), ItemPath.parse("a.txt"), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void unknown_malformed_expired_and_used_up_links_get_the_same_answer() throws Exception {
        Share expired = share(
                "docs",
                ItemType.FOLDER,
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.of(clock.instant().plusSeconds(1)),
                Optional.empty());
        Share once = share(
                "docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(), Optional.of(1L));
        services.open().open(as(once));
        clock.advance(Duration.ofSeconds(1));

        String[] tokens = {
            expired.token().value(),
            once.token().value(),
            ShareToken.generate(random).value(),
            "../../etc/passwd",
            "%",
            "A".repeat(31),
            "A".repeat(31) + "%",
            ""
        };
        for (String t : tokens) {
            assertThatThrownBy(
                            () -> services.open().open(new PublicAccess(t, Optional.empty(), "client-" + t.length())))
                    .isInstanceOfSatisfying(
                            NotFoundException.class,
                            e -> assertThat(e.getMessage()).isEqualTo(PublicShareServices.NOT_FOUND));
        }
    }

    // ---- counting

    @Test
    void answers_of_the_group_commit_wait_for_it_and_one_used_up_meanwhile_is_not_found() throws Exception {
        Share s = share(
                "docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(), Optional.of(2L));
        CountDownLatch committing = new CountDownLatch(1);
        ShareRepository slow = (ShareRepository) Proxy.newProxyInstance(
                ShareRepository.class.getClassLoader(), new Class<?>[] {ShareRepository.class}, (p, m, args) -> {
                    if (m.getName().equals("recordAccesses")) {
                        committing.await();
                    }
                    try {
                        return m.invoke(shares, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (AccessGroupCommit commit = new AccessGroupCommit(slow)) {
            PublicShareServices batched = new PublicShareServices(
                    commit, files, roomFiles, hasher, strength, fence, new FakeSecretBox(), clock, random, settings);
            // all three pass the checks while nothing is committed yet
            CompletableFuture<OpenedShare> first =
                    batched.open().openLater(as(s)).toCompletableFuture();
            CompletableFuture<ZipDownload> second =
                    batched.download().zipLater(as(s), ItemPath.root()).toCompletableFuture();
            CompletableFuture<OpenedShare> third =
                    batched.open().openLater(as(s)).toCompletableFuture();
            assertThat(List.of(first, second, third)).noneMatch(CompletableFuture::isDone);
            assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isZero();

            committing.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS).itemName()).isEqualTo("docs");
            assertThat(second.get(10, TimeUnit.SECONDS).fileName()).isEqualTo("docs.zip");
            assertThatThrownBy(() -> third.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(NotFoundException.class)
                    .hasMessage(PublicShareServices.NOT_FOUND);
        }
        assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isEqualTo(2);
    }

    @Test
    void exactly_max_accesses_opens_and_downloads_succeed() throws Exception {
        Share s = share(
                "docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(), Optional.of(3L));

        services.open().open(as(s));
        assertThat(text(services.download().download(as(s), ItemPath.parse("a.txt"), Optional.empty())))
                .isEqualTo("hello");
        services.download().zip(as(s), ItemPath.root());

        assertThatThrownBy(() -> services.open().open(as(s))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.download().download(as(s), ItemPath.parse("a.txt"), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isEqualTo(3);
    }

    @Test
    void concurrent_opens_count_exactly() throws Exception {
        Share s = share(
                "docs",
                ItemType.FOLDER,
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                Optional.of(40L));
        settings = new ShareSettings(
                "https://x", Duration.ofHours(1), 10, Duration.ofMinutes(15), 100, 2, 1000, Duration.ofMinutes(1));
        services = newService();
        CompletableFuture<?>[] all = new CompletableFuture<?>[100];
        AtomicInteger ok = new AtomicInteger();
        for (int i = 0; i < all.length; i++) {
            all[i] = CompletableFuture.runAsync(() -> {
                try {
                    services.open().open(as(s));
                    ok.incrementAndGet();
                } catch (Exception e) {
                    assertThat(e).isInstanceOf(NotFoundException.class);
                }
            });
        }
        CompletableFuture.allOf(all).join();
        assertThat(ok.get()).isEqualTo(40);
        assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isEqualTo(40);
    }

    @Test
    void list_stat_upload_folders_and_delete_do_not_count() throws Exception {
        Share s = folder(SharePermissions.READ_WRITE);

        services.browse().list(as(s), ItemPath.root());
        services.browse().stat(as(s), ItemPath.parse("a.txt"));
        services.change().upload(as(s), ItemPath.parse("n.txt"), bytes("n"));
        services.change().makeFolder(as(s), ItemPath.parse("f"));
        services.change().delete(as(s), ItemPath.parse("f"));

        assertThat(shares.recordAccessCalls()).isZero();
        assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isZero();
    }

    @Test
    void describe_and_zip_file_name_answer_as_open_and_zip_do_without_counting() throws Exception {
        Share s = share(
                "docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(), Optional.of(1L));

        OpenedShare described = services.open().describe(as(s));
        assertThat(described.itemName()).isEqualTo("docs");
        assertThat(services.download().zipFileName(as(s), ItemPath.root())).isEqualTo("docs.zip");
        assertThat(services.download().zipFileName(as(s), ItemPath.parse("sub")))
                .isEqualTo("sub.zip");
        assertThat(shares.recordAccessCalls()).isZero();

        OpenedShare opened = services.open().open(as(s));
        assertThat(opened).isEqualTo(described.withVisit(opened.visit().orElseThrow()));
        assertThat(described.visit()).isEmpty();
        // used up: every route, counted or not, now finds nothing
        assertThatThrownBy(() -> services.open().describe(as(s))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.download().zipFileName(as(s), ItemPath.root()))
                .isInstanceOf(NotFoundException.class);
        assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isEqualTo(1);
    }

    @Test
    void describe_and_zip_file_name_run_every_check() {
        Share locked = share(
                "docs",
                ItemType.FOLDER,
                SharePermissions.DEFAULT,
                Optional.of(PASSWORD),
                Optional.empty(),
                Optional.empty());
        Share drop = folder(new SharePermissions(false, true, false));
        Share file = share(
                "docs/a.txt",
                ItemType.FILE,
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        assertThatThrownBy(() -> services.open().describe(as(locked))).isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> services.download().zipFileName(as(locked), ItemPath.root()))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> services.download().zipFileName(as(drop), ItemPath.root()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.download().zipFileName(as(file), ItemPath.root()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.open()
                        .describe(new PublicAccess("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Optional.empty(), CLIENT)))
                .isInstanceOf(NotFoundException.class);
    }

    // ---- room links

    @Test
    void room_links_are_served_from_the_shared_folder_storage() throws Exception {
        roomFiles.put(ItemPath.parse("meetings/sharebridge-room-1/notes.txt"), "minutes");
        Share room = Share.create(
                ShareId.random(),
                ItemPath.parse("meetings/sharebridge-room-1"),
                ItemType.FOLDER,
                Optional.of(RoomId.random()),
                ShareToken.generate(random),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.READ_WRITE,
                Optional.empty(),
                Optional.empty(),
                clock.instant(),
                alice,
                Optional.empty());
        shares.insert(room);

        assertThat(services.browse().list(as(room), ItemPath.root()).children())
                .extracting(i -> i.path().toString())
                .containsExactly("/notes.txt");
        services.change().upload(as(room), ItemPath.parse("up.txt"), bytes("u"));
        assertThat(roomFiles.content(ItemPath.parse("meetings/sharebridge-room-1/up.txt")))
                .isEqualTo("u");
        assertThat(files.exists(ItemPath.parse("meetings"))).isFalse();
    }
}
