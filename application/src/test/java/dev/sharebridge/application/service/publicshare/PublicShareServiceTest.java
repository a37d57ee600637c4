package dev.sharebridge.application.service.publicshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.in.publicshare.OpenedShare;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ReshareCommand;
import dev.sharebridge.application.port.in.publicshare.ZipDownload;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.application.testing.FakePasswordHasher;
import dev.sharebridge.application.testing.FakePasswordStrength;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.application.testing.InMemoryDeletionFence;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class PublicShareServiceTest {
    static final String PASSWORD = "correct horse battery";
    static final String CLIENT = "203.0.113.7";
    private final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    private final InMemoryShareRepository shares = new InMemoryShareRepository();
    private final InMemoryStorageProvider files = new InMemoryStorageProvider(clock);
    private final InMemoryStorageProvider roomFiles = new InMemoryStorageProvider(clock);
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final FakePasswordStrength strength = new FakePasswordStrength();
    private final InMemoryDeletionFence fence = new InMemoryDeletionFence(shares);
    private final SecureRandom random = new SecureRandom();
    private final UserId alice = UserId.of("alice");
    private ShareSettings settings = ShareSettings.defaults("https://share.example.org");
    private PublicShareService service = newService();

    PublicShareServiceTest() {
        files.put(ItemPath.parse("/users/alice/docs/a.txt"), "hello");
        files.put(ItemPath.parse("/users/alice/docs/sub/b.txt"), "bee");
    }

    private PublicShareService newService() {
        return new PublicShareService(shares, files, roomFiles, hasher, strength, fence, new FakeSecretBox(), clock,
                random, settings);
    }

    private Share share(String path, ItemType type, SharePermissions p, Optional<String> password,
            Optional<Instant> expiry, Optional<Long> max) {
        Share s = Share.create(ShareId.random(), ItemPath.parse(path), type, Optional.empty(), ShareToken.generate(random),
                password.map(hasher::hash), expiry, p, Optional.of("lbl"), max, clock.instant(), alice, Optional.empty());
        shares.insert(s);
        return s;
    }

    private Share folder(SharePermissions p) {
        return share("docs", ItemType.FOLDER, p, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static PublicAccess as(Share s) {
        return new PublicAccess(s.token().value(), Optional.empty(), CLIENT);
    }

    private static PublicAccess as(Share s, Grant g) {
        return new PublicAccess(s.token().value(), Optional.of(g.value()), CLIENT);
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(ItemContent c) throws Exception {
        try (c) {
            return new String(c.stream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- existence, expiry, the one NotFound

    @Test
    void open_describes_the_item_and_counts() throws Exception {
        Share s = share("docs/a.txt", ItemType.FILE, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.empty());

        OpenedShare o = service.open(as(s));

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
        Share s = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.of(expiry),
                Optional.empty());

        clock.set(expiry.minusMillis(1));
        assertThat(service.list(as(s), ItemPath.root()).children()).hasSize(2);
        assertThat(service.open(as(s)).expiresAt()).contains(expiry);

        clock.set(expiry);
        assertThatThrownBy(() -> service.open(as(s))).isInstanceOf(NotFoundException.class)
                .hasMessage(PublicShareService.NOT_FOUND);
        assertThatThrownBy(() -> service.list(as(s), ItemPath.root())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.download(as(s), ItemPath.parse("a.txt"), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void unknown_malformed_expired_and_used_up_links_get_the_same_answer() throws Exception {
        Share expired = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(),
                Optional.of(clock.instant().plusSeconds(1)), Optional.empty());
        Share once = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.of(1L));
        service.open(as(once));
        clock.advance(Duration.ofSeconds(1));

        String[] tokens = {expired.token().value(), once.token().value(), ShareToken.generate(random).value(),
                "../../etc/passwd", "%", "A".repeat(31), "A".repeat(31) + "%", ""};
        for (String t : tokens) {
            assertThatThrownBy(() -> service.open(new PublicAccess(t, Optional.empty(), "client-" + t.length())))
                    .isInstanceOfSatisfying(NotFoundException.class,
                            e -> assertThat(e.getMessage()).isEqualTo(PublicShareService.NOT_FOUND));
        }
    }

    // ---- counting

    @Test
    void exactly_max_accesses_opens_and_downloads_succeed() throws Exception {
        Share s = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.of(3L));

        service.open(as(s));
        assertThat(text(service.download(as(s), ItemPath.parse("a.txt"), Optional.empty()))).isEqualTo("hello");
        service.zip(as(s), ItemPath.root());

        assertThatThrownBy(() -> service.open(as(s))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.download(as(s), ItemPath.parse("a.txt"), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isEqualTo(3);
    }

    @Test
    void concurrent_opens_count_exactly() throws Exception {
        Share s = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.of(40L));
        settings = new ShareSettings("https://x", Duration.ofHours(1), 10, Duration.ofMinutes(15), 100, 2, 1000,
                Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO);
        service = newService();
        CompletableFuture<?>[] all = new CompletableFuture<?>[100];
        AtomicInteger ok = new AtomicInteger();
        for (int i = 0; i < all.length; i++) {
            all[i] = CompletableFuture.runAsync(() -> {
                try {
                    service.open(as(s));
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

        service.list(as(s), ItemPath.root());
        service.stat(as(s), ItemPath.parse("a.txt"));
        service.upload(as(s), ItemPath.parse("n.txt"), bytes("n"));
        service.makeFolder(as(s), ItemPath.parse("f"));
        service.delete(as(s), ItemPath.parse("f"));

        assertThat(shares.recordAccessCalls()).isZero();
        assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isZero();
    }

    @Test
    void describe_and_zip_file_name_answer_as_open_and_zip_do_without_counting() throws Exception {
        Share s = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.of(1L));

        OpenedShare described = service.describe(as(s));
        assertThat(described.itemName()).isEqualTo("docs");
        assertThat(service.zipFileName(as(s), ItemPath.root())).isEqualTo("docs.zip");
        assertThat(service.zipFileName(as(s), ItemPath.parse("sub"))).isEqualTo("sub.zip");
        assertThat(shares.recordAccessCalls()).isZero();

        assertThat(service.open(as(s))).isEqualTo(described);
        // used up: every route, counted or not, now finds nothing
        assertThatThrownBy(() -> service.describe(as(s))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.zipFileName(as(s), ItemPath.root())).isInstanceOf(NotFoundException.class);
        assertThat(shares.findById(s.id()).orElseThrow().accessCount()).isEqualTo(1);
    }

    @Test
    void describe_and_zip_file_name_run_every_check() {
        Share locked = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.of(PASSWORD),
                Optional.empty(), Optional.empty());
        Share drop = folder(new SharePermissions(false, true, false));
        Share file = share("docs/a.txt", ItemType.FILE, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.empty());

        assertThatThrownBy(() -> service.describe(as(locked))).isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> service.zipFileName(as(locked), ItemPath.root()))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> service.zipFileName(as(drop), ItemPath.root())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.zipFileName(as(file), ItemPath.root())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.describe(new PublicAccess("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Optional.empty(),
                CLIENT))).isInstanceOf(NotFoundException.class);
    }

    // ---- permissions

    @Test
    void a_read_only_link_can_write_nothing() {
        Share s = folder(SharePermissions.READ_ONLY);
        assertThatThrownBy(() -> service.upload(as(s), ItemPath.parse("n.txt"), bytes("n"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.makeFolder(as(s), ItemPath.parse("f"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.delete(as(s), ItemPath.parse("a.txt"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.reshare(as(s), new ReshareCommand(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()))).isInstanceOf(ForbiddenException.class);
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/a.txt"))).isTrue();
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/n.txt"))).isFalse();
    }

    @Test
    void a_file_drop_takes_new_files_only_and_shows_nothing() throws Exception {
        Share s = folder(new SharePermissions(false, true, false));

        assertThat(service.upload(as(s), ItemPath.parse("in/new.txt"), bytes("new")).created()).isTrue();
        assertThat(files.content(ItemPath.parse("/users/alice/docs/in/new.txt"))).isEqualTo("new");

        assertThatThrownBy(() -> service.upload(as(s), ItemPath.parse("a.txt"), bytes("evil")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(files.content(ItemPath.parse("/users/alice/docs/a.txt"))).isEqualTo("hello");
        assertThatThrownBy(() -> service.list(as(s), ItemPath.root())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.stat(as(s), ItemPath.parse("a.txt"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.download(as(s), ItemPath.parse("a.txt"), Optional.empty()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.zip(as(s), ItemPath.root())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.delete(as(s), ItemPath.parse("a.txt"))).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.makeFolder(as(s), ItemPath.parse("f"))).isInstanceOf(ForbiddenException.class);
        assertThat(service.open(as(s)).itemType()).isEqualTo(ItemType.FOLDER);
    }

    @Test
    void read_write_links_replace_make_folders_and_delete_but_never_the_root() throws Exception {
        Share s = folder(SharePermissions.READ_WRITE);

        assertThat(service.upload(as(s), ItemPath.parse("a.txt"), bytes("new")).created()).isFalse();
        assertThat(files.content(ItemPath.parse("/users/alice/docs/a.txt"))).isEqualTo("new");
        assertThat(service.makeFolder(as(s), ItemPath.parse("made"))).isTrue();
        service.delete(as(s), ItemPath.parse("sub"));
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/sub"))).isFalse();
        assertThatThrownBy(() -> service.delete(as(s), ItemPath.root())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> service.delete(as(s), ItemPath.parse("gone"))).isInstanceOf(NotFoundException.class);
        assertThat(files.exists(ItemPath.parse("/users/alice/docs"))).isTrue();
    }

    @Test
    void deleting_through_a_link_removes_the_owners_links_on_the_deleted_item() throws Exception {
        Share s = folder(SharePermissions.READ_WRITE);
        Share onSub = share("docs/sub/b.txt", ItemType.FILE, SharePermissions.DEFAULT, Optional.empty(),
                Optional.empty(), Optional.empty());

        service.delete(as(s), ItemPath.parse("sub"));

        assertThat(shares.findById(onSub.id())).isEmpty();
        assertThat(shares.findById(s.id())).isPresent();
    }

    @Test
    void subpaths_stay_inside_the_shared_item() throws Exception {
        Share file = share("docs/a.txt", ItemType.FILE, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.empty());
        Share dir = folder(SharePermissions.DEFAULT);

        assertThatThrownBy(() -> service.download(as(file), ItemPath.parse("x"), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThat(service.stat(as(file), ItemPath.root()).path()).isEqualTo(ItemPath.parse("a.txt"));
        FolderListing l = service.list(as(dir), ItemPath.parse("sub"));
        assertThat(l.folder().path()).isEqualTo(ItemPath.parse("sub"));
        assertThat(l.children()).extracting(i -> i.path().toString()).containsExactly("/sub/b.txt");
        assertThatThrownBy(() -> ItemPath.parse("../x")).isInstanceOf(InvalidValueException.class);
    }

    // ---- passwords and grants

    private Share protectedFolder() {
        return share("docs", ItemType.FOLDER, SharePermissions.READ_WRITE, Optional.of(PASSWORD), Optional.empty(),
                Optional.empty());
    }

    @Test
    void a_protected_link_needs_a_grant_on_every_route() throws Exception {
        Share s = protectedFolder();

        assertThatThrownBy(() -> service.open(as(s))).isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> service.list(as(s), ItemPath.root())).isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> service.stat(as(s), ItemPath.root())).isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> service.download(as(s), ItemPath.parse("a.txt"), Optional.empty()))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> service.zip(as(s), ItemPath.root())).isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> service.upload(as(s), ItemPath.parse("x"), bytes("x")))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> service.makeFolder(as(s), ItemPath.parse("x"))).isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> service.delete(as(s), ItemPath.parse("a.txt"))).isInstanceOf(PasswordRequiredException.class);
        assertThat(shares.recordAccessCalls()).isZero();

        Grant g = service.verify(s.token().value(), PASSWORD, CLIENT);
        assertThat(service.list(as(s, g), ItemPath.root()).children()).hasSize(2);
        assertThat(service.open(as(s, g)).hasPassword()).isTrue();
    }

    @Test
    void verify_normalises_the_password_to_nfc() throws Exception {
        String composed = "caf\u00e9 au lait 42";
        Share s = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.of(composed), Optional.empty(),
                Optional.empty());
        assertThat(service.verify(s.token().value(), "cafe\u0301 au lait 42", CLIENT).value()).isNotBlank();
    }

    @Test
    void a_lone_surrogate_is_a_wrong_password_not_a_question_mark() throws Exception {
        // with getBytes(UTF_8) both would be "?Qx7-harbour-lantern" and both would verify
        Share s = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.of("?Qx7-harbour-lantern"),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> service.verify(s.token().value(), "\ud800Qx7-harbour-lantern", CLIENT))
                .isInstanceOf(InvalidPasswordException.class);
        assertThat(service.verify(s.token().value(), "?Qx7-harbour-lantern", CLIENT).value()).isNotBlank();
    }

    @Test
    void a_grant_lives_at_most_the_grant_ttl_and_never_past_the_share() throws Exception {
        Share s = protectedFolder();
        Grant g = service.verify(s.token().value(), PASSWORD, CLIENT);
        assertThat(g.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

        clock.set(g.expiresAt().minusMillis(1));
        service.list(as(s, g), ItemPath.root());
        clock.set(g.expiresAt());
        assertThatThrownBy(() -> service.list(as(s, g), ItemPath.root())).isInstanceOf(PasswordRequiredException.class);

        Instant shareExpiry = clock.instant().plus(Duration.ofMinutes(10));
        Share soon = share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.of(PASSWORD),
                Optional.of(shareExpiry), Optional.empty());
        assertThat(service.verify(soon.token().value(), PASSWORD, CLIENT).expiresAt()).isEqualTo(shareExpiry);
    }

    @Test
    void a_grant_dies_when_the_password_changes_or_is_removed() throws Exception {
        Share s = protectedFolder();
        Grant g = service.verify(s.token().value(), PASSWORD, CLIENT);

        shares.update(s.withPasswordHash(Optional.of(hasher.hash(PASSWORD))));
        assertThatThrownBy(() -> service.list(as(s, g), ItemPath.root())).isInstanceOf(PasswordRequiredException.class);

        Grant g2 = service.verify(s.token().value(), PASSWORD, CLIENT);
        service.list(as(s, g2), ItemPath.root());
        shares.update(s.withPasswordHash(Optional.empty()));
        // no password: the link is open, and the old grant is no longer what lets anyone in
        service.list(as(s), ItemPath.root());
        shares.update(s.withPasswordHash(Optional.of(hasher.hash(PASSWORD))));
        assertThatThrownBy(() -> service.list(as(s, g2), ItemPath.root())).isInstanceOf(PasswordRequiredException.class);
    }

    @Test
    void a_grant_dies_with_its_share_and_opens_no_other() throws Exception {
        Share s = protectedFolder();
        Share other = protectedFolder();
        Grant g = service.verify(s.token().value(), PASSWORD, CLIENT);

        assertThatThrownBy(() -> service.list(as(other, g), ItemPath.root())).isInstanceOf(PasswordRequiredException.class);
        shares.deleteWithDescendants(s.id());
        assertThatThrownBy(() -> service.list(as(s, g), ItemPath.root())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void forged_and_tampered_grants_are_refused() throws Exception {
        Share s = protectedFolder();
        Grant g = service.verify(s.token().value(), PASSWORD, CLIENT);
        String[] parts = g.value().split("\\.");
        long later = Long.parseLong(parts[1]) + Duration.ofDays(1).toMillis();
        String flipped = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        String otherKey = new FakeSecretBox("another key").mac(s.id() + "|" + parts[0] + "|" + parts[1] + "|"
                + s.passwordHash().orElseThrow());

        for (String forged : new String[] {"", "x", parts[0] + "." + later + "." + parts[2],
                parts[0] + "." + parts[1] + "." + flipped, parts[0] + "." + parts[1] + "." + otherKey,
                g.value() + ".x", "." + parts[1] + "." + parts[2], "A".repeat(22) + "." + parts[1] + "." + parts[2]}) {
            assertThatThrownBy(() -> service.list(new PublicAccess(s.token().value(), Optional.of(forged), CLIENT),
                    ItemPath.root())).isInstanceOf(PasswordRequiredException.class);
        }
        assertThat(g.toString()).doesNotContain(g.value());
    }

    @Test
    void grants_are_fresh_each_time() throws Exception {
        Share s = protectedFolder();
        assertThat(service.verify(s.token().value(), PASSWORD, CLIENT).value())
                .isNotEqualTo(service.verify(s.token().value(), PASSWORD, CLIENT).value());
    }

    // ---- throttling

    @Test
    void ten_failures_then_rate_limited_without_hashing() throws Exception {
        Share s = protectedFolder();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> service.verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        int hashed = hasher.verifyCalls();
        assertThat(hashed).isEqualTo(10);

        assertThatThrownBy(() -> service.verify(s.token().value(), PASSWORD, CLIENT))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(15)));
        assertThat(hasher.verifyCalls()).isEqualTo(hashed);

        // another client is not affected; after the window this client may try again
        assertThat(service.verify(s.token().value(), PASSWORD, "198.51.100.1").value()).isNotBlank();
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> service.verify(s.token().value(), PASSWORD, CLIENT))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        assertThat(service.verify(s.token().value(), PASSWORD, CLIENT).value()).isNotBlank();
    }

    @Test
    void answers_to_wrong_passwords_are_held_back_longer_each_time() {
        settings = settings.withVerifyDelays(Duration.ofMillis(100), Duration.ofMillis(1500));
        service = newService();
        Share s = protectedFolder();
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> service.verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOfSatisfying(InvalidPasswordException.class, e -> delays.add(e.answerDelay()));
        }
        assertThat(delays).extracting(Duration::toMillis)
                .containsExactly(0L, 100L, 200L, 400L, 800L, 1500L, 1500L, 1500L, 1500L, 1500L);
        // throttled answers wait the longest delay; another client's first failure waits nothing
        assertThatThrownBy(() -> service.verify(s.token().value(), "wrong password!!", CLIENT))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.answerDelay()).isEqualTo(Duration.ofMillis(1500)));
        assertThatThrownBy(() -> service.verify(s.token().value(), "wrong password!!", "198.51.100.1"))
                .isInstanceOfSatisfying(InvalidPasswordException.class,
                        e -> assertThat(e.answerDelay()).isZero());
    }

    @Test
    void a_throttled_client_is_refused_before_the_link_is_looked_up() {
        Share s = protectedFolder();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> service.verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        int lookups = shares.findByTokenCalls();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> service.verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(RateLimitedException.class);
        }
        assertThat(shares.findByTokenCalls()).isEqualTo(lookups);
        assertThat(hasher.verifyCalls()).isEqualTo(10);
    }

    @Test
    void a_success_resets_the_clients_failures() throws Exception {
        Share s = protectedFolder();
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> service.verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        service.verify(s.token().value(), PASSWORD, CLIENT);
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> service.verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
    }

    @Test
    void oversized_and_empty_passwords_are_wrong_without_hashing() {
        Share s = protectedFolder();
        for (String bad : new String[] {"", "x".repeat(73), "\u00e9".repeat(37), "y".repeat(100_000)}) {
            assertThatThrownBy(() -> service.verify(s.token().value(), bad, CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        assertThatThrownBy(() -> service.verify(s.token().value(), null, CLIENT)).isInstanceOf(InvalidPasswordException.class);
        assertThat(hasher.verifyCalls()).isZero();
    }

    @Test
    void the_per_token_cap_stops_distributed_guessing() throws Exception {
        settings = new ShareSettings("https://x", Duration.ofHours(1), 10, Duration.ofMinutes(15), 5, 2, 50,
                Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO);
        service = newService();
        Share s = protectedFolder();
        for (int i = 0; i < 5; i++) {
            String client = "10.0.0." + i;
            assertThatThrownBy(() -> service.verify(s.token().value(), "wrong password!!", client))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        assertThatThrownBy(() -> service.verify(s.token().value(), PASSWORD, "10.0.0.99"))
                .isInstanceOf(RateLimitedException.class);
        assertThat(hasher.verifyCalls()).isEqualTo(5);
    }

    @Test
    void a_full_set_of_hashing_slots_turns_requests_away_at_once() throws Exception {
        settings = new ShareSettings("https://x", Duration.ofHours(1), 10, Duration.ofMinutes(15), 100, 1, 50,
                Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofSeconds(2));
        service = newService();
        Share s = protectedFolder();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        hasher.setGate(() -> {
            inside.countDown();
            release.await();
        });
        CompletableFuture<Grant> first = CompletableFuture.supplyAsync(() -> {
            try {
                return service.verify(s.token().value(), PASSWORD, CLIENT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        inside.await();

        // turned away without queueing, the answer held back briefly so that asking again in a
        // loop cannot produce these answers as fast as a client can send
        assertThatThrownBy(() -> service.verify(s.token().value(), PASSWORD, "198.51.100.2"))
                .isInstanceOfSatisfying(ServiceBusyException.class, e -> {
                    assertThat(e.retryAfter()).isPositive();
                    assertThat(e.answerDelay()).isEqualTo(Duration.ofMillis(100));
                });

        release.countDown();
        assertThat(first.join().value()).isNotBlank();
        hasher.setGate(() -> { });
        assertThat(service.verify(s.token().value(), PASSWORD, "198.51.100.2").value()).isNotBlank();
    }

    @Test
    void many_not_founds_from_one_client_become_rate_limited() throws Exception {
        // 50 per minute: the test's own limit, not the default
        settings = new ShareSettings("https://share.example.org", Duration.ofHours(1), 10, Duration.ofMinutes(15), 100,
                ShareSettings.defaultHashingSlots(), 50, Duration.ofMinutes(1), ShareSettings.DEFAULT_VERIFY_DELAY,
                ShareSettings.DEFAULT_VERIFY_DELAY_MAX);
        service = newService();
        Share s = folder(SharePermissions.DEFAULT);
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> service.open(new PublicAccess(ShareToken.generate(random).value(), Optional.empty(),
                    CLIENT))).isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> service.open(new PublicAccess("bogus", Optional.empty(), CLIENT)))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
        // the answer is 429 for existing links too, so it tells nothing about a token
        assertThatThrownBy(() -> service.open(as(s))).isInstanceOf(RateLimitedException.class);
        assertThat(service.open(new PublicAccess(s.token().value(), Optional.empty(), "198.51.100.3"))).isNotNull();

        clock.advance(Duration.ofMinutes(1));
        assertThat(service.open(as(s))).isNotNull();
    }

    // ---- zip

    @Test
    void zip_streams_the_folder_recursively() throws Exception {
        Share s = folder(SharePermissions.DEFAULT);
        files.makeFolder(ItemPath.parse("/users/alice/docs/empty"));

        ZipDownload zip = service.zip(as(s), ItemPath.root());
        assertThat(zip.fileName()).isEqualTo("docs.zip");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        zip.body().writeTo(out);

        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsExactly(Map.entry("a.txt", "hello"), Map.entry("empty/", ""),
                Map.entry("sub/", ""), Map.entry("sub/b.txt", "bee"));
        assertThat(service.zip(as(s), ItemPath.parse("sub")).fileName()).isEqualTo("sub.zip");
    }

    @Test
    void zip_needs_a_folder() {
        Share file = share("docs/a.txt", ItemType.FILE, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(),
                Optional.empty());
        Share dir = folder(SharePermissions.DEFAULT);
        assertThatThrownBy(() -> service.zip(as(file), ItemPath.root())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.zip(as(dir), ItemPath.parse("a.txt"))).isInstanceOf(NotFoundException.class);
        assertThat(shares.recordAccessCalls()).isZero();
    }

    // ---- reshare

    private Share resharable(Optional<Instant> expiry) {
        return share("docs", ItemType.FOLDER, new SharePermissions(true, true, true), Optional.empty(), expiry,
                Optional.empty());
    }

    @Test
    void reshare_makes_a_bounded_child() throws Exception {
        Instant expiry = clock.instant().plus(Duration.ofDays(2));
        Share parent = resharable(Optional.of(expiry));

        ShareView child = service.reshare(as(parent), new ReshareCommand(Optional.of(PASSWORD), Optional.empty(),
                Optional.empty(), Optional.of("for carol")));

        Share c = child.share();
        assertThat(c.parentId()).contains(parent.id());
        assertThat(c.createdBy()).isEqualTo(alice);
        assertThat(c.roomId()).isEqualTo(parent.roomId());
        assertThat(c.itemPath()).isEqualTo(parent.itemPath());
        assertThat(c.expiresAt()).contains(expiry);
        assertThat(c.permissions()).isEqualTo(SharePermissions.DEFAULT);
        assertThat(c.hasPassword()).isTrue();
        assertThat(child.url()).isEqualTo("https://share.example.org/s/" + c.token().value());
        assertThat(shares.findById(c.id())).isPresent();
    }

    @Test
    void reshare_cannot_exceed_the_parent() {
        Instant expiry = clock.instant().plus(Duration.ofDays(2));
        Share parent = share("docs", ItemType.FOLDER, new SharePermissions(true, false, true), Optional.empty(),
                Optional.of(expiry), Optional.empty());

        assertThatThrownBy(() -> service.reshare(as(parent), new ReshareCommand(Optional.empty(), Optional.empty(),
                Optional.of(SharePermissions.READ_WRITE), Optional.empty())))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("permissions"));
        assertThatThrownBy(() -> service.reshare(as(parent), new ReshareCommand(Optional.empty(),
                Optional.of(expiry.plusMillis(1)), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("expires_at"));
        assertThatThrownBy(() -> service.reshare(as(parent), new ReshareCommand(Optional.of("password1"),
                Optional.empty(), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThat(shares.size()).isEqualTo(1);
    }

    @Test
    void a_reshared_password_must_not_contain_the_parents_token_nor_be_guessable() {
        Share parent = resharable(Optional.empty());
        for (String bad : List.of(parent.token().value(), "see " + parent.token().value().toLowerCase(Locale.ROOT),
                "Password2024", "welcome2024", "qwertzuiop", "\udfffQx7-harbour-lantern")) {
            assertThatThrownBy(() -> service.reshare(as(parent), new ReshareCommand(Optional.of(bad), Optional.empty(),
                    Optional.empty(), Optional.empty())))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                        assertThat(e.field()).isEqualTo("password");
                        assertThat(e.getMessage()).doesNotContain(parent.token().value());
                    });
        }
        assertThat(hasher.hashCalls()).isZero();
        assertThat(shares.size()).isEqualTo(1);
    }

    @Test
    void a_reshare_expiry_past_the_maximum_is_refused() {
        Share parent = resharable(Optional.empty());
        assertThatThrownBy(() -> service.reshare(as(parent), new ReshareCommand(Optional.empty(),
                Optional.of(Instant.parse("+292278995-01-01T00:00:00Z")), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("expiresAt"));
    }

    @Test
    void a_child_dies_with_its_parent_and_never_outgrows_it() throws Exception {
        Instant expiry = clock.instant().plus(Duration.ofDays(2));
        Share parent = resharable(Optional.of(expiry));
        Share child = service.reshare(as(parent), new ReshareCommand(Optional.empty(), Optional.empty(),
                Optional.of(new SharePermissions(true, true, false)), Optional.empty())).share();
        service.upload(as(child), ItemPath.parse("x.txt"), bytes("x"));

        // the owner narrows the parent: the child narrows with it at once
        shares.update(parent.withPermissions(new SharePermissions(true, false, true)));
        assertThatThrownBy(() -> service.upload(as(child), ItemPath.parse("y.txt"), bytes("y")))
                .isInstanceOf(ForbiddenException.class);
        // a child whose own expiry is later than its parent's dies with the parent
        shares.update(child.withExpiresAt(Optional.empty()));
        clock.set(expiry);
        assertThatThrownBy(() -> service.open(as(child))).isInstanceOf(NotFoundException.class);
        clock.set(expiry.minusSeconds(1));
        shares.deleteWithDescendants(parent.id());
        assertThatThrownBy(() -> service.open(as(child))).isInstanceOf(NotFoundException.class);
    }

    // ---- reshared links and max_accesses

    private Share resharableWithMaxAccesses(long max) {
        return share("docs", ItemType.FOLDER, new SharePermissions(true, true, true), Optional.empty(),
                Optional.empty(), Optional.of(max));
    }

    private Share childOf(Share parent) throws Exception {
        return service.reshare(as(parent), new ReshareCommand(Optional.empty(), Optional.empty(),
                Optional.of(new SharePermissions(true, true, true)), Optional.empty())).share();
    }

    /** Each call from its own client, so that the answers are never the not-found limiter's 429. */
    private final AtomicInteger clients = new AtomicInteger();

    private PublicAccess fresh(Share s) {
        return new PublicAccess(s.token().value(), Optional.empty(), "198.51.100." + clients.incrementAndGet());
    }

    @Test
    void opens_through_a_sub_link_count_against_the_parents_max_accesses() throws Exception {
        Share parent = resharableWithMaxAccesses(2);
        Share child = childOf(parent);

        service.open(as(child));
        text(service.download(as(child), ItemPath.parse("a.txt"), Optional.empty()));

        assertThatThrownBy(() -> service.open(fresh(child))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.open(fresh(parent))).as("used up by its sub-link")
                .isInstanceOf(NotFoundException.class);
        assertThat(shares.findById(parent.id()).orElseThrow().accessCount()).isEqualTo(2);
        assertThat(shares.findById(child.id()).orElseThrow().accessCount()).isEqualTo(2);
    }

    @Test
    void five_sub_links_of_a_link_with_one_access_give_one_open_between_them() throws Exception {
        Share parent = resharableWithMaxAccesses(1);
        List<Share> children = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            children.add(childOf(parent));
        }

        int opened = 0;
        for (int round = 0; round < 4; round++) {
            for (Share child : children) {
                try {
                    service.open(fresh(child));
                    opened++;
                } catch (NotFoundException e) {
                    // used up
                }
            }
        }

        assertThat(opened).isEqualTo(1);
        assertThat(shares.findById(parent.id()).orElseThrow().accessCount()).isEqualTo(1);
    }

    @Test
    void concurrent_opens_through_several_sub_links_stop_at_the_parents_max_accesses() throws Exception {
        Share parent = resharableWithMaxAccesses(7);
        List<Share> children = List.of(childOf(parent), childOf(parent), childOf(parent));
        Share grandchild = childOf(children.get(0));
        List<Share> links = List.of(children.get(0), children.get(1), children.get(2), grandchild);
        AtomicInteger opened = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Share link = links.get(i % links.size());
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                    service.open(fresh(link));
                    opened.incrementAndGet();
                } catch (NotFoundException e) {
                    // used up
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();

        assertThat(opened.get()).isEqualTo(7);
        assertThat(shares.findById(parent.id()).orElseThrow().accessCount()).isEqualTo(7);
    }

    @Test
    void a_used_up_ancestor_ends_every_descendant_on_every_route() throws Exception {
        Share parent = resharableWithMaxAccesses(1);
        Share child = childOf(parent);
        Share grandchild = childOf(child);
        service.open(as(parent));

        for (Share link : List.of(child, grandchild)) {
            List<ThrowingRoute> routes = List.of(
                    () -> service.open(fresh(link)),
                    () -> service.describe(fresh(link)),
                    () -> service.verify(link.token().value(), "", "198.51.100." + clients.incrementAndGet()),
                    () -> service.list(fresh(link), ItemPath.root()),
                    () -> service.stat(fresh(link), ItemPath.parse("a.txt")),
                    () -> service.download(fresh(link), ItemPath.parse("a.txt"), Optional.empty()),
                    () -> service.zip(fresh(link), ItemPath.root()),
                    () -> service.zipFileName(fresh(link), ItemPath.root()),
                    () -> service.upload(fresh(link), ItemPath.parse("new.txt"), bytes("n")),
                    () -> service.makeFolder(fresh(link), ItemPath.parse("new")),
                    () -> service.delete(fresh(link), ItemPath.parse("a.txt")),
                    () -> service.reshare(fresh(link), new ReshareCommand(Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.empty())));
            for (int i = 0; i < routes.size(); i++) {
                int route = i;
                assertThatThrownBy(() -> routes.get(route).call()).as("route %d of %s", route,
                        link == child ? "the child" : "the grandchild").isInstanceOf(NotFoundException.class);
            }
        }
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/a.txt"))).isTrue();
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/new.txt"))).isFalse();
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/new"))).isFalse();
        assertThat(shares.size()).isEqualTo(3);
        assertThat(shares.findById(child.id()).orElseThrow().accessCount()).isZero();
    }

    @FunctionalInterface
    private interface ThrowingRoute {
        void call() throws Exception;
    }

    // ---- room links

    @Test
    void room_links_are_served_from_the_shared_folder_storage() throws Exception {
        roomFiles.put(ItemPath.parse("meetings/sharebridge-room-1/notes.txt"), "minutes");
        Share room = Share.create(ShareId.random(), ItemPath.parse("meetings/sharebridge-room-1"), ItemType.FOLDER,
                Optional.of(RoomId.random()), ShareToken.generate(random), Optional.empty(), Optional.empty(),
                SharePermissions.READ_WRITE, Optional.empty(), Optional.empty(), clock.instant(), alice, Optional.empty());
        shares.insert(room);

        assertThat(service.list(as(room), ItemPath.root()).children()).extracting(i -> i.path().toString())
                .containsExactly("/notes.txt");
        service.upload(as(room), ItemPath.parse("up.txt"), bytes("u"));
        assertThat(roomFiles.content(ItemPath.parse("meetings/sharebridge-room-1/up.txt"))).isEqualTo("u");
        assertThat(files.exists(ItemPath.parse("meetings"))).isFalse();
    }
}
