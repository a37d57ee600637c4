package dev.sharebridge.application.service.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.share.FieldUpdate;
import dev.sharebridge.application.port.in.share.NewShareCommand;
import dev.sharebridge.application.port.in.share.ShareUpdate;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.application.port.in.share.ShareViewPage;
import dev.sharebridge.application.testing.FakePasswordHasher;
import dev.sharebridge.application.testing.FakePasswordStrength;
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
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShareLinkServiceTest {
    static final String GOOD_PASSWORD = "correct horse battery";
    private final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    private final InMemoryShareRepository shares = new InMemoryShareRepository();
    private final InMemoryStorageProvider files = new InMemoryStorageProvider(clock);
    private final FakePasswordHasher hasher = new FakePasswordHasher();
    private final FakePasswordStrength strength = new FakePasswordStrength();
    private final InMemoryDeletionFence fence = new InMemoryDeletionFence(shares);
    private final ShareLinkService service = new ShareLinkService(
            shares,
            files,
            hasher,
            strength,
            fence,
            clock,
            new SecureRandom(),
            ShareSettings.defaults("https://share.example.org/"));
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");

    ShareLinkServiceTest() {
        files.put(ItemPath.parse("/users/alice/docs/a.txt"), "hello");
    }

    private static NewShareCommand command(String path) {
        return new NewShareCommand(
                ItemPath.parse(path),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static NewShareCommand withPassword(String path, String password) {
        return new NewShareCommand(
                ItemPath.parse(path),
                Optional.empty(),
                Optional.of(password),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static NewShareCommand withExpiry(String path, Instant expiry) {
        return new NewShareCommand(
                ItemPath.parse(path),
                Optional.empty(),
                Optional.empty(),
                Optional.of(expiry),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    private static ShareUpdate noChange() {
        return new ShareUpdate(
                FieldUpdate.unchanged(),
                FieldUpdate.unchanged(),
                FieldUpdate.unchanged(),
                FieldUpdate.unchanged(),
                FieldUpdate.unchanged());
    }

    @Test
    void create_defaults_to_read_only_and_links_to_the_web_page() throws Exception {
        ShareView view = service.create(alice, command("docs/a.txt"));

        Share s = view.share();
        assertThat(s.permissions()).isEqualTo(new SharePermissions(true, false, false));
        assertThat(s.itemType()).isEqualTo(ItemType.FILE);
        assertThat(s.createdBy()).isEqualTo(alice);
        assertThat(s.createdAt()).isEqualTo(clock.instant());
        assertThat(s.roomId()).isEmpty();
        assertThat(s.parentId()).isEmpty();
        assertThat(view.url())
                .isEqualTo("https://share.example.org/s/" + s.token().value());
        assertThat(shares.findById(s.id())).contains(s);
        assertThat(service.create(alice, command("docs")).share().itemType()).isEqualTo(ItemType.FOLDER);
    }

    @Test
    void an_item_outside_the_callers_space_is_not_found() {
        assertThatThrownBy(() -> service.create(bob, command("docs/a.txt"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.create(alice, command("docs/b.txt"))).isInstanceOf(NotFoundException.class);
        assertThat(shares.size()).isZero();
    }

    @Test
    void a_mismatched_item_type_is_bad_input() {
        NewShareCommand c = new NewShareCommand(
                ItemPath.parse("docs"),
                Optional.of(ItemType.FILE),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> service.create(alice, c))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("itemType"));
    }

    @Test
    void expiry_must_be_strictly_in_the_future() throws Exception {
        Instant now = clock.instant();
        for (Instant bad : new Instant[] {now, now.minusMillis(1)}) {
            assertThatThrownBy(() -> service.create(alice, withExpiry("docs", bad)))
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("expiresAt"));
        }
        assertThat(service.create(alice, withExpiry("docs", now.plusMillis(1)))
                        .share()
                        .expiresAt())
                .contains(now.plusMillis(1));
    }

    @Test
    void password_policy_is_enforced_and_only_a_hash_is_stored() throws Exception {
        for (String bad : new String[] {
            "short1!",
            "Password2024",
            "welcome2024",
            "qwertzuiop",
            "x".repeat(30) + "é".repeat(22),
            "tab\tinside-it-here",
            "\ud800Qx7-harbour-lantern"
        }) {
            assertThatThrownBy(() -> service.create(alice, withPassword("docs", bad)))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                        assertThat(e.field()).isEqualTo("password");
                        assertThat(e.getMessage()).doesNotContain(bad);
                    });
        }
        assertThat(hasher.hashCalls()).isZero();

        Share s = service.create(alice, withPassword("docs", GOOD_PASSWORD)).share();
        assertThat(s.hasPassword()).isTrue();
        assertThat(s.passwordHash().orElseThrow()).doesNotContain(GOOD_PASSWORD);
        assertThat(hasher.verify(GOOD_PASSWORD, s.passwordHash().orElseThrow())).isTrue();
    }

    @Test
    void label_and_max_accesses_are_checked() {
        NewShareCommand zero = new NewShareCommand(
                ItemPath.parse("docs"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(0L));
        NewShareCommand longLabel = new NewShareCommand(
                ItemPath.parse("docs"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("x".repeat(256)),
                Optional.empty());
        assertThatThrownBy(() -> service.create(alice, zero))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("maxAccesses"));
        assertThatThrownBy(() -> service.create(alice, longLabel))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("label"));
    }

    @Test
    void another_users_share_and_room_links_are_not_found() throws Exception {
        ShareId id = service.create(alice, command("docs")).share().id();
        Share room = Share.create(
                ShareId.random(),
                ItemPath.parse("sharebridge-room-x"),
                ItemType.FOLDER,
                Optional.of(RoomId.random()),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                clock.instant(),
                alice,
                Optional.empty());
        shares.insert(room);

        assertThatThrownBy(() -> service.get(bob, id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.update(bob, id, noChange())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(bob, id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.get(alice, room.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(alice, room.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.get(alice, ShareId.random())).isInstanceOf(NotFoundException.class);
        assertThat(shares.findById(id)).isPresent();
        assertThat(service.get(alice, id).share().id()).isEqualTo(id);
    }

    @Test
    void update_merges_absent_clear_and_set() throws Exception {
        Instant expiry = clock.instant().plus(Duration.ofDays(1));
        Share s = service.create(
                        alice,
                        new NewShareCommand(
                                ItemPath.parse("docs"),
                                Optional.empty(),
                                Optional.of(GOOD_PASSWORD),
                                Optional.of(expiry),
                                Optional.empty(),
                                Optional.of("team"),
                                Optional.of(5L)))
                .share();

        Share same = service.update(alice, s.id(), noChange()).share();
        assertThat(same).isEqualTo(s);

        Share changed = service.update(
                        alice,
                        s.id(),
                        new ShareUpdate(
                                FieldUpdate.unchanged(),
                                FieldUpdate.clear(),
                                FieldUpdate.set(SharePermissions.READ_WRITE),
                                FieldUpdate.set("new"),
                                FieldUpdate.clear()))
                .share();
        assertThat(changed.passwordHash()).isEqualTo(s.passwordHash());
        assertThat(changed.expiresAt()).isEmpty();
        assertThat(changed.permissions()).isEqualTo(SharePermissions.READ_WRITE);
        assertThat(changed.label()).contains("new");
        assertThat(changed.maxAccesses()).isEmpty();

        Share noPassword = service.update(
                        alice,
                        s.id(),
                        new ShareUpdate(
                                FieldUpdate.clear(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.clear(),
                                FieldUpdate.set(3L)))
                .share();
        assertThat(noPassword.hasPassword()).isFalse();
        assertThat(noPassword.label()).isEmpty();
        assertThat(noPassword.maxAccesses()).contains(3L);
        assertThat(shares.findById(s.id())).contains(noPassword);
    }

    @Test
    void a_password_containing_the_links_own_token_is_refused() throws Exception {
        Share s = service.create(alice, command("docs")).share();
        for (String bad : new String[] {s.token().value(), "pw-" + s.token().value() + "-pw"}) {
            assertThatThrownBy(() -> service.update(
                            alice,
                            s.id(),
                            new ShareUpdate(
                                    FieldUpdate.set(bad),
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged(),
                                    FieldUpdate.unchanged())))
                    .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                        assertThat(e.field()).isEqualTo("password");
                        assertThat(e.getMessage())
                                .contains("token")
                                .doesNotContain(s.token().value());
                    });
        }
        assertThat(service.get(alice, s.id()).share().hasPassword()).isFalse();
    }

    @Test
    void the_estimator_hears_the_words_of_the_link() throws Exception {
        service.create(
                alice,
                new NewShareCommand(
                        ItemPath.parse("docs/a.txt"),
                        Optional.empty(),
                        Optional.of(GOOD_PASSWORD),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of("for carol"),
                        Optional.empty()));
        assertThat(strength.lastContext())
                .contains("alice", "a.txt", "for carol")
                .hasSize(4);
        assertThatThrownBy(() -> service.create(
                        alice,
                        new NewShareCommand(
                                ItemPath.parse("docs"),
                                Optional.empty(),
                                Optional.of("for carol and dave"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of("for carol and dave"),
                                Optional.empty())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class,
                        e -> assertThat(e.getMessage()).startsWith("password is too easy to guess: "));
    }

    @Test
    void an_expiry_past_the_maximum_is_refused_on_create_and_update() throws Exception {
        Instant far = Instant.parse("+292278995-01-01T00:00:00Z");
        assertThatThrownBy(() -> service.create(alice, withExpiry("docs", far)))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("expiresAt"));
        ShareId id = service.create(alice, command("docs")).share().id();
        assertThatThrownBy(() -> service.update(
                        alice,
                        id,
                        new ShareUpdate(
                                FieldUpdate.unchanged(),
                                FieldUpdate.set(far),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("expiresAt"));
        assertThat(service.get(alice, id).share().expiresAt()).isEmpty();
    }

    @Test
    void update_checks_its_values_like_create() throws Exception {
        ShareId id = service.create(alice, command("docs")).share().id();
        assertThatThrownBy(() -> service.update(
                        alice,
                        id,
                        new ShareUpdate(
                                FieldUpdate.set("password1"),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThatThrownBy(() -> service.update(
                        alice,
                        id,
                        new ShareUpdate(
                                FieldUpdate.unchanged(),
                                FieldUpdate.set(clock.instant()),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("expiresAt"));
        assertThatThrownBy(() -> service.update(
                        alice,
                        id,
                        new ShareUpdate(
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.clear(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("permissions"));
        assertThat(service.get(alice, id).share().permissions()).isEqualTo(SharePermissions.DEFAULT);
    }

    @Test
    void a_new_password_gets_a_new_hash() throws Exception {
        Share s = service.create(alice, withPassword("docs", GOOD_PASSWORD)).share();
        Share again = service.update(
                        alice,
                        s.id(),
                        new ShareUpdate(
                                FieldUpdate.set(GOOD_PASSWORD),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged(),
                                FieldUpdate.unchanged()))
                .share();
        assertThat(again.passwordHash()).isPresent().isNotEqualTo(s.passwordHash());
    }

    @Test
    void list_pages_through_own_shares_and_checks_the_limit() throws Exception {
        for (int i = 0; i < 3; i++) {
            service.create(alice, command("docs"));
            clock.advance(Duration.ofSeconds(1));
        }
        service.create(alice, command("docs/a.txt"));
        ShareViewPage first = service.list(alice, Optional.of(ItemPath.parse("docs")), 2, Optional.empty());
        ShareViewPage second = service.list(alice, Optional.of(ItemPath.parse("docs")), 2, first.nextCursor());

        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextCursor()).isEmpty();
        assertThat(service.list(alice, Optional.empty(), 200, Optional.empty()).items())
                .hasSize(4);
        assertThat(service.list(bob, Optional.empty(), 10, Optional.empty()).items())
                .isEmpty();
        for (int bad : new int[] {0, -1, 201}) {
            assertThatThrownBy(() -> service.list(alice, Optional.empty(), bad, Optional.empty()))
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("limit"));
        }
    }

    @Test
    void delete_takes_reshared_links_with_it() throws Exception {
        Share parent = service.create(alice, command("docs")).share();
        Share child = Share.create(
                ShareId.random(),
                parent.itemPath(),
                parent.itemType(),
                Optional.empty(),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                clock.instant(),
                alice,
                Optional.of(parent.id()));
        shares.insert(child);
        Share unrelated = service.create(alice, command("docs/a.txt")).share();

        service.delete(alice, parent.id());

        assertThat(shares.all()).containsExactly(unrelated);
        assertThatThrownBy(() -> service.delete(alice, parent.id())).isInstanceOf(NotFoundException.class);
    }
}
