package dev.sharebridge.application.service.publicshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.InvalidPasswordException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.error.RateLimitedException;
import dev.sharebridge.application.error.ServiceBusyException;
import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Passwords, grants, and the throttles of guessing and of not-found answers. */
class VerifySharePasswordServiceTest extends PublicShareFixture {
    // ---- passwords and grants

    private Share protectedFolder() {
        return share(
                "docs",
                ItemType.FOLDER,
                SharePermissions.READ_WRITE,
                Optional.of(PASSWORD),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void a_protected_link_needs_a_grant_on_every_route() throws Exception {
        Share s = protectedFolder();

        assertThatThrownBy(() -> services.open().open(as(s))).isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> services.browse().list(as(s), ItemPath.root()))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> services.browse().stat(as(s), ItemPath.root()))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> services.download().download(as(s), ItemPath.parse("a.txt"), Optional.empty()))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> services.download().zip(as(s), ItemPath.root()))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> services.change().upload(as(s), ItemPath.parse("x"), bytes("x")))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> services.change().makeFolder(as(s), ItemPath.parse("x")))
                .isInstanceOf(PasswordRequiredException.class);
        assertThatThrownBy(() -> services.change().delete(as(s), ItemPath.parse("a.txt")))
                .isInstanceOf(PasswordRequiredException.class);
        assertThat(shares.recordAccessCalls()).isZero();

        Grant g = services.verify().verify(s.token().value(), PASSWORD, CLIENT);
        assertThat(services.browse().list(as(s, g), ItemPath.root()).children()).hasSize(2);
        assertThat(services.open().open(as(s, g)).hasPassword()).isTrue();
    }

    @Test
    void verify_normalises_the_password_to_nfc() throws Exception {
        String composed = "caf\u00e9 au lait 42";
        Share s = share(
                "docs",
                ItemType.FOLDER,
                SharePermissions.DEFAULT,
                Optional.of(composed),
                Optional.empty(),
                Optional.empty());
        assertThat(services.verify()
                        .verify(s.token().value(), "cafe\u0301 au lait 42", CLIENT)
                        .value())
                .isNotBlank();
    }

    @Test
    void a_lone_surrogate_is_a_wrong_password_not_a_question_mark() throws Exception {
        // with getBytes(UTF_8) both would be "?Qx7-harbour-lantern" and both would verify
        Share s = share(
                "docs",
                ItemType.FOLDER,
                SharePermissions.DEFAULT,
                Optional.of("?Qx7-harbour-lantern"),
                Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> services.verify().verify(s.token().value(), "\ud800Qx7-harbour-lantern", CLIENT))
                .isInstanceOf(InvalidPasswordException.class);
        assertThat(services.verify()
                        .verify(s.token().value(), "?Qx7-harbour-lantern", CLIENT)
                        .value())
                .isNotBlank();
    }

    @Test
    void a_grant_lives_at_most_the_grant_ttl_and_never_past_the_share() throws Exception {
        Share s = protectedFolder();
        Grant g = services.verify().verify(s.token().value(), PASSWORD, CLIENT);
        assertThat(g.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

        clock.set(g.expiresAt().minusMillis(1));
        services.browse().list(as(s, g), ItemPath.root());
        clock.set(g.expiresAt());
        assertThatThrownBy(() -> services.browse().list(as(s, g), ItemPath.root()))
                .isInstanceOf(PasswordRequiredException.class);

        Instant shareExpiry = clock.instant().plus(Duration.ofMinutes(10));
        Share soon = share(
                "docs",
                ItemType.FOLDER,
                SharePermissions.DEFAULT,
                Optional.of(PASSWORD),
                Optional.of(shareExpiry),
                Optional.empty());
        assertThat(services.verify()
                        .verify(soon.token().value(), PASSWORD, CLIENT)
                        .expiresAt())
                .isEqualTo(shareExpiry);
    }

    @Test
    void a_grant_dies_when_the_password_changes_or_is_removed() throws Exception {
        Share s = protectedFolder();
        Grant g = services.verify().verify(s.token().value(), PASSWORD, CLIENT);

        shares.update(s.withPasswordHash(Optional.of(hasher.hash(PASSWORD))));
        assertThatThrownBy(() -> services.browse().list(as(s, g), ItemPath.root()))
                .isInstanceOf(PasswordRequiredException.class);

        Grant g2 = services.verify().verify(s.token().value(), PASSWORD, CLIENT);
        services.browse().list(as(s, g2), ItemPath.root());
        shares.update(s.withPasswordHash(Optional.empty()));
        // no password: the link is open, and the old grant is no longer what lets anyone in
        services.browse().list(as(s), ItemPath.root());
        shares.update(s.withPasswordHash(Optional.of(hasher.hash(PASSWORD))));
        assertThatThrownBy(() -> services.browse().list(as(s, g2), ItemPath.root()))
                .isInstanceOf(PasswordRequiredException.class);
    }

    @Test
    void a_grant_dies_with_its_share_and_opens_no_other() throws Exception {
        Share s = protectedFolder();
        Share other = protectedFolder();
        Grant g = services.verify().verify(s.token().value(), PASSWORD, CLIENT);

        assertThatThrownBy(() -> services.browse().list(as(other, g), ItemPath.root()))
                .isInstanceOf(PasswordRequiredException.class);
        shares.deleteWithDescendants(s.id());
        assertThatThrownBy(() -> services.browse().list(as(s, g), ItemPath.root()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void forged_and_tampered_grants_are_refused() throws Exception {
        Share s = protectedFolder();
        Grant g = services.verify().verify(s.token().value(), PASSWORD, CLIENT);
        String[] parts = g.value().split("\\.");
        long later = Long.parseLong(parts[1]) + Duration.ofDays(1).toMillis();
        String flipped = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        String otherKey = new FakeSecretBox("another key")
                .mac(s.id() + "|" + parts[0] + "|" + parts[1] + "|"
                        + s.passwordHash().orElseThrow());

        for (String forged : new String[] {
            "",
            "x",
            parts[0] + "." + later + "." + parts[2],
            parts[0] + "." + parts[1] + "." + flipped,
            parts[0] + "." + parts[1] + "." + otherKey,
            g.value() + ".x",
            "." + parts[1] + "." + parts[2],
            "A".repeat(22) + "." + parts[1] + "." + parts[2]
        }) {
            assertThatThrownBy(() -> services.browse()
                            .list(new PublicAccess(s.token().value(), Optional.of(forged), CLIENT), ItemPath.root()))
                    .isInstanceOf(PasswordRequiredException.class);
        }
        assertThat(g.toString()).doesNotContain(g.value());
    }

    @Test
    void grants_are_fresh_each_time() throws Exception {
        Share s = protectedFolder();
        assertThat(services.verify().verify(s.token().value(), PASSWORD, CLIENT).value())
                .isNotEqualTo(services.verify()
                        .verify(s.token().value(), PASSWORD, CLIENT)
                        .value());
    }

    @Test
    void a_remembered_password_costs_no_hash_until_the_password_changes() throws Exception {
        Share s = protectedFolder();
        Grant first = services.verify().verifyRemembered(s.token().value(), PASSWORD, CLIENT);
        assertThat(hasher.verifyCalls()).isEqualTo(1);
        Grant again = services.verify().verifyRemembered(s.token().value(), PASSWORD, CLIENT);
        assertThat(again).isEqualTo(first);
        assertThat(hasher.verifyCalls()).isEqualTo(1);
        services.browse().list(as(s, again), ItemPath.root());

        // wrong passwords are never remembered: each one is hashed and counted
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(
                            () -> services.verify().verifyRemembered(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        assertThat(hasher.verifyCalls()).isEqualTo(3);

        // a new password (even the same text) ends the remembered grant: verified afresh
        shares.update(s.withPasswordHash(Optional.of(hasher.hash(PASSWORD))));
        Grant renewed = services.verify().verifyRemembered(s.token().value(), PASSWORD, CLIENT);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(hasher.verifyCalls()).isEqualTo(4);
        services.browse().list(as(s, renewed), ItemPath.root());

        // a client that used up its failures (10 here) is refused even with a remembered password
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(
                            () -> services.verify().verifyRemembered(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        assertThatThrownBy(() -> services.verify().verifyRemembered(s.token().value(), PASSWORD, CLIENT))
                .isInstanceOf(RateLimitedException.class);
    }

    // ---- throttling

    @Test
    void ten_failures_then_rate_limited_without_hashing() throws Exception {
        Share s = protectedFolder();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> services.verify().verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        int hashed = hasher.verifyCalls();
        assertThat(hashed).isEqualTo(10);

        assertThatThrownBy(() -> services.verify().verify(s.token().value(), PASSWORD, CLIENT))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(15)));
        assertThat(hasher.verifyCalls()).isEqualTo(hashed);

        // another client is not affected; after the window this client may try again
        assertThat(services.verify()
                        .verify(s.token().value(), PASSWORD, "198.51.100.1")
                        .value())
                .isNotBlank();
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> services.verify().verify(s.token().value(), PASSWORD, CLIENT))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(10));
        assertThat(services.verify().verify(s.token().value(), PASSWORD, CLIENT).value())
                .isNotBlank();
    }

    @Test
    void wrong_passwords_carry_the_clients_failures_on_the_link() {
        // the HTTP adapter holds these answers back longer each time (AnswerDelaysTest)
        Share s = protectedFolder();
        List<Integer> failures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> services.verify().verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOfSatisfying(InvalidPasswordException.class, e -> failures.add(e.failures()));
        }
        assertThat(failures).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // then throttled; another client's first failure is its first
        assertThatThrownBy(() -> services.verify().verify(s.token().value(), "wrong password!!", CLIENT))
                .isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> services.verify().verify(s.token().value(), "wrong password!!", "198.51.100.1"))
                .isInstanceOfSatisfying(
                        InvalidPasswordException.class,
                        e -> assertThat(e.failures()).isOne());
    }

    @Test
    void a_throttled_client_is_refused_before_the_link_is_looked_up() {
        Share s = protectedFolder();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> services.verify().verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        int lookups = shares.findByTokenCalls();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> services.verify().verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(RateLimitedException.class);
        }
        assertThat(shares.findByTokenCalls()).isEqualTo(lookups);
        assertThat(hasher.verifyCalls()).isEqualTo(10);
    }

    @Test
    void a_success_resets_the_clients_failures() throws Exception {
        Share s = protectedFolder();
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> services.verify().verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        services.verify().verify(s.token().value(), PASSWORD, CLIENT);
        for (int i = 0; i < 9; i++) {
            assertThatThrownBy(() -> services.verify().verify(s.token().value(), "wrong password!!", CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
    }

    @Test
    void oversized_and_empty_passwords_are_wrong_without_hashing() {
        Share s = protectedFolder();
        for (String bad : new String[] {"", "x".repeat(73), "\u00e9".repeat(37), "y".repeat(100_000)}) {
            assertThatThrownBy(() -> services.verify().verify(s.token().value(), bad, CLIENT))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        assertThatThrownBy(() -> services.verify().verify(s.token().value(), null, CLIENT))
                .isInstanceOf(InvalidPasswordException.class);
        assertThat(hasher.verifyCalls()).isZero();
    }

    @Test
    void the_per_token_cap_stops_distributed_guessing() throws Exception {
        settings = new ShareSettings(
                "https://x", Duration.ofHours(1), 10, Duration.ofMinutes(15), 5, 2, 50, Duration.ofMinutes(1));
        services = newService();
        Share s = protectedFolder();
        for (int i = 0; i < 5; i++) {
            String client = "10.0.0." + i;
            assertThatThrownBy(() -> services.verify().verify(s.token().value(), "wrong password!!", client))
                    .isInstanceOf(InvalidPasswordException.class);
        }
        assertThatThrownBy(() -> services.verify().verify(s.token().value(), PASSWORD, "10.0.0.99"))
                .isInstanceOf(RateLimitedException.class);
        assertThat(hasher.verifyCalls()).isEqualTo(5);
    }

    @Test
    void a_full_set_of_hashing_slots_turns_requests_away_at_once() throws Exception {
        settings = new ShareSettings(
                "https://x", Duration.ofHours(1), 10, Duration.ofMinutes(15), 100, 1, 50, Duration.ofMinutes(1));
        services = newService();
        Share s = protectedFolder();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        hasher.setGate(() -> {
            inside.countDown();
            release.await();
        });
        CompletableFuture<Grant> first = CompletableFuture.supplyAsync(() -> {
            try {
                return services.verify().verify(s.token().value(), PASSWORD, CLIENT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        inside.await();

        // turned away without queueing, with the client's failures so far (none), from which the
        // HTTP adapter holds the answer back briefly (AnswerDelaysTest): asking again in a loop
        // cannot produce these answers as fast as a client can send
        assertThatThrownBy(() -> services.verify().verify(s.token().value(), PASSWORD, "198.51.100.2"))
                .isInstanceOfSatisfying(ServiceBusyException.class, e -> {
                    assertThat(e.retryAfter()).isPositive();
                    assertThat(e.failures()).isZero();
                });

        release.countDown();
        assertThat(first.join().value()).isNotBlank();
        hasher.setGate(() -> {});
        assertThat(services.verify()
                        .verify(s.token().value(), PASSWORD, "198.51.100.2")
                        .value())
                .isNotBlank();
    }

    @Test
    void many_not_founds_from_one_client_become_rate_limited() throws Exception {
        // 50 per minute: the test's own limit, not the default
        settings = new ShareSettings(
                "https://share.example.org",
                Duration.ofHours(1),
                10,
                Duration.ofMinutes(15),
                100,
                ShareSettings.defaultHashingSlots(),
                50,
                Duration.ofMinutes(1));
        services = newService();
        Share s = folder(SharePermissions.DEFAULT);
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> services.open()
                            .open(new PublicAccess(ShareToken.generate(random).value(), Optional.empty(), CLIENT)))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> services.open().open(new PublicAccess("bogus", Optional.empty(), CLIENT)))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMinutes(1)));
        // the answer is 429 for existing links too, so it tells nothing about a token
        assertThatThrownBy(() -> services.open().open(as(s))).isInstanceOf(RateLimitedException.class);
        assertThat(services.open().open(new PublicAccess(s.token().value(), Optional.empty(), "198.51.100.3")))
                .isNotNull();

        clock.advance(Duration.ofMinutes(1));
        assertThat(services.open().open(as(s))).isNotNull();
    }
}
