package dev.sharebridge.application.port.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link UserRepository} must show. Extend it once per implementation (H2,
 * PostgreSQL, an in-memory fake) and supply an empty store before each test.
 */
public abstract class UserRepositoryContract {

    /** Stored instants have millisecond precision; every instant in this suite has it too. */
    protected static final Instant T0 = Instant.parse("2026-03-04T05:06:07.891Z");

    private static final String HASH_ALICE = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String HASH_BOB = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    /** Makes the store empty (or a new, empty one) before each test. */
    protected abstract void emptyStore() throws Exception;

    /** The repository under test; the same instance throughout one test. */
    protected abstract UserRepository users();

    @BeforeEach
    final void startEmpty() throws Exception {
        emptyStore();
    }

    private static User user(String name, String hash, Instant createdAt) {
        return new User(UserId.of(name), hash, createdAt);
    }

    @Test
    void addedUserIsFoundByIdWithEveryField() {
        User alice = user("alice", HASH_ALICE, T0);

        assertThat(users().add(alice)).isTrue();

        assertThat(users().findById(UserId.of("alice"))).contains(alice);
        assertThat(users().findById(UserId.of("alice")).orElseThrow().createdAt())
                .isEqualTo(T0);
    }

    @Test
    void unknownIdIsEmpty() {
        users().add(user("alice", HASH_ALICE, T0));

        assertThat(users().findById(UserId.of("bob"))).isEmpty();
    }

    @Test
    void addingAnExistingIdChangesNothingAndAnswersFalse() {
        User alice = user("alice", HASH_ALICE, T0);
        users().add(alice);

        assertThat(users().add(user("alice", HASH_BOB, T0.plusSeconds(5)))).isFalse();

        assertThat(users().findById(UserId.of("alice"))).contains(alice);
        assertThat(users().findByTokenHash(HASH_BOB)).isEmpty();
        assertThat(users().list()).containsExactly(alice);
    }

    @Test
    void aTakenTokenHashIsRefusedWithoutQuotingIt() {
        users().add(user("alice", HASH_ALICE, T0));

        assertThatThrownBy(() -> users().add(user("bob", HASH_ALICE, T0)))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(HASH_ALICE);
                    }
                });

        assertThat(users().findById(UserId.of("bob"))).isEmpty();
    }

    @Test
    void findsTheUserByTokenHash() {
        User alice = user("alice", HASH_ALICE, T0);
        User bob = user("bob", HASH_BOB, T0.plusMillis(1));
        users().add(alice);
        users().add(bob);

        assertThat(users().findByTokenHash(HASH_ALICE)).contains(alice);
        assertThat(users().findByTokenHash(HASH_BOB)).contains(bob);
    }

    @Test
    void tokenHashLookupIsExact() {
        users().add(user("alice", HASH_ALICE, T0));

        assertThat(users().findByTokenHash(HASH_ALICE.toUpperCase(Locale.ROOT))).isEmpty();
        assertThat(users().findByTokenHash(HASH_ALICE.substring(1))).isEmpty();
        assertThat(users().findByTokenHash(HASH_ALICE + "0")).isEmpty();
        assertThat(users().findByTokenHash("%")).isEmpty();
        assertThat(users().findByTokenHash("")).isEmpty();
    }

    @Test
    void aReplacedTokenHashFindsTheUserAndTheOldOneNobody() {
        User alice = user("alice", HASH_ALICE, T0);
        users().add(alice);
        String newHash = "ee".repeat(32);

        assertThat(users().replaceTokenHash(UserId.of("alice"), newHash)).isTrue();

        assertThat(users().findByTokenHash(HASH_ALICE)).isEmpty();
        assertThat(users().findByTokenHash(newHash)).contains(user("alice", newHash, T0));
        assertThat(users().findById(UserId.of("alice")).orElseThrow().createdAt())
                .isEqualTo(T0);
    }

    @Test
    void replacingTheTokenHashOfAnUnknownUserChangesNothing() {
        users().add(user("alice", HASH_ALICE, T0));

        assertThat(users().replaceTokenHash(UserId.of("bob"), HASH_BOB)).isFalse();

        assertThat(users().findByTokenHash(HASH_BOB)).isEmpty();
        assertThat(users().list()).containsExactly(user("alice", HASH_ALICE, T0));
    }

    @Test
    void anotherUsersTokenHashIsNotTakenOver() {
        users().add(user("alice", HASH_ALICE, T0));
        users().add(user("bob", HASH_BOB, T0));

        assertThatThrownBy(() -> users().replaceTokenHash(UserId.of("bob"), HASH_ALICE))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(HASH_ALICE);
                    }
                });

        assertThat(users().findByTokenHash(HASH_BOB)).contains(user("bob", HASH_BOB, T0));
        assertThat(users().findByTokenHash(HASH_ALICE)).contains(user("alice", HASH_ALICE, T0));
    }

    @Test
    void listIsOrderedById() {
        User carol = user("carol", "cc".repeat(32), T0);
        User alice = user("alice", HASH_ALICE, T0.plusMillis(2));
        User bob = user("bob", HASH_BOB, T0.plusMillis(1));
        users().add(carol);
        users().add(alice);
        users().add(bob);

        assertThat(users().list()).containsExactly(alice, bob, carol);
    }

    @Test
    void listOfAnEmptyStoreIsEmpty() {
        assertThat(users().list()).isEmpty();
    }

    @Test
    void removeDeletesTheUserOnce() {
        User alice = user("alice", HASH_ALICE, T0);
        User bob = user("bob", HASH_BOB, T0);
        users().add(alice);
        users().add(bob);

        assertThat(users().remove(UserId.of("alice"))).isTrue();
        assertThat(users().remove(UserId.of("alice"))).isFalse();

        assertThat(users().findById(UserId.of("alice"))).isEmpty();
        assertThat(users().findByTokenHash(HASH_ALICE)).isEmpty();
        assertThat(users().list()).containsExactly(bob);
    }

    @Test
    void removedNameCanBeAddedAgain() {
        users().add(user("alice", HASH_ALICE, T0));
        users().remove(UserId.of("alice"));
        User again = user("alice", HASH_BOB, T0.plusSeconds(60));

        assertThat(users().add(again)).isTrue();

        assertThat(users().findById(UserId.of("alice"))).contains(again);
    }
}
