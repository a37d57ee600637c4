package dev.sharebridge.application.service.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UnauthorizedException;
import dev.sharebridge.application.port.in.user.NewUser;
import dev.sharebridge.application.service.file.UserSpaces;
import dev.sharebridge.application.testing.InMemoryDeletionFence;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryUserRepository;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.domain.TokenDigest;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserServiceTest {
    private final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryShareRepository shares = new InMemoryShareRepository();
    private final InMemoryStorageProvider files = new InMemoryStorageProvider(clock);
    private final UserService service =
            new UserService(users, shares, files, new InMemoryDeletionFence(shares), clock, new SecureRandom());
    private final UserId alice = UserId.of("alice");

    @Test
    void add_returns_a_prefixed_256_bit_token_and_stores_only_its_digest() throws Exception {
        NewUser added = service.add(alice);

        assertThat(added.token()).startsWith("sb_").hasSize(46).matches("sb_[A-Za-z0-9_-]{43}");
        assertThat(added.user().tokenHash())
                .isEqualTo(TokenDigest.digest(added.token()))
                .doesNotContain(added.token());
        assertThat(added.user().createdAt()).isEqualTo(clock.instant());
        assertThat(users.findById(alice)).contains(added.user());
        assertThat(added.toString()).doesNotContain(added.token());
    }

    @Test
    void tokens_differ_between_users() throws Exception {
        assertThat(service.add(alice).token())
                .isNotEqualTo(service.add(UserId.of("bob")).token());
    }

    @Test
    void adding_an_existing_user_is_a_conflict() throws Exception {
        service.add(alice);
        assertThatThrownBy(() -> service.add(alice)).isInstanceOf(ConflictException.class);
    }

    @Test
    void authenticate_resolves_the_token_and_refuses_everything_else() throws Exception {
        String token = service.add(alice).token();

        assertThat(service.authenticate(token)).isEqualTo(alice);
        for (String bad : new String[] {
            null,
            "",
            "sb_",
            token + "x",
            "xx" + token.substring(2),
            token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A")
        }) {
            assertThatThrownBy(() -> service.authenticate(bad)).isInstanceOf(UnauthorizedException.class);
        }
    }

    @Test
    void list_is_ordered_by_name() throws Exception {
        service.add(UserId.of("carol"));
        service.add(alice);
        assertThat(service.list()).extracting(u -> u.id().value()).containsExactly("alice", "carol");
    }

    @Test
    void remove_deletes_shares_space_and_user() throws Exception {
        String token = service.add(alice).token();
        service.add(UserId.of("bob"));
        files.put(UserSpaces.toStorage(alice, ItemPath.of("a.txt")), "hi");
        files.put(UserSpaces.toStorage(UserId.of("bob"), ItemPath.of("b.txt")), "hi");
        shares.insert(Share.create(
                ShareId.random(),
                ItemPath.of("a.txt"),
                ItemType.FILE,
                Optional.empty(),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                clock.instant(),
                alice,
                Optional.empty()));

        service.remove(alice);

        assertThat(shares.size()).isZero();
        assertThat(files.exists(UserSpaces.root(alice))).isFalse();
        assertThat(files.exists(UserSpaces.toStorage(UserId.of("bob"), ItemPath.of("b.txt"))))
                .isTrue();
        assertThat(users.findById(alice)).isEmpty();
        assertThatThrownBy(() -> service.authenticate(token)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> service.remove(alice)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_new_token_replaces_the_old_one_and_keeps_files_and_links() throws Exception {
        NewUser added = service.add(alice);
        files.put(UserSpaces.toStorage(alice, ItemPath.of("a.txt")), "hi");
        shares.insert(Share.create(
                ShareId.random(),
                ItemPath.of("a.txt"),
                ItemType.FILE,
                Optional.empty(),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                clock.instant(),
                alice,
                Optional.empty()));

        NewUser renewed = service.issueToken(alice);

        assertThat(renewed.token()).matches("sb_[A-Za-z0-9_-]{43}").isNotEqualTo(added.token());
        assertThat(renewed.user().id()).isEqualTo(alice);
        assertThat(renewed.user().createdAt()).isEqualTo(added.user().createdAt());
        assertThat(renewed.user().tokenHash()).isEqualTo(TokenDigest.digest(renewed.token()));
        assertThat(service.authenticate(renewed.token())).isEqualTo(alice);
        assertThatThrownBy(() -> service.authenticate(added.token())).isInstanceOf(UnauthorizedException.class);
        assertThat(files.exists(UserSpaces.toStorage(alice, ItemPath.of("a.txt"))))
                .isTrue();
        assertThat(shares.size()).isEqualTo(1);
    }

    @Test
    void a_new_token_for_an_unknown_user_is_not_found() {
        assertThatThrownBy(() -> service.issueToken(alice)).isInstanceOf(NotFoundException.class);
        assertThat(users.list()).isEmpty();
    }
}
