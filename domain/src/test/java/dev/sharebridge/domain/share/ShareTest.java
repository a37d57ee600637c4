package dev.sharebridge.domain.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShareTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.000Z");
    private static final ShareToken TOKEN = ShareToken.generate(new FixedBytesRandom(7));
    private static final ShareId ID = ShareId.of("6f1c7a52-4f3e-4b8e-9c1d-2a3b4c5d6e7f");
    private static final String HASH = "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234";

    private static Share create(Optional<Instant> expiresAt) {
        return Share.create(
                ID,
                ItemPath.parse("/docs/report.pdf"),
                ItemType.FILE,
                Optional.empty(),
                TOKEN,
                Optional.of(HASH),
                expiresAt,
                SharePermissions.DEFAULT,
                Optional.of("for Bob"),
                Optional.of(3L),
                NOW,
                UserId.of("alice"),
                Optional.empty());
    }

    private static Share restore(Optional<Instant> expiresAt, long accessCount, Optional<Long> maxAccesses) {
        return new Share(
                ID,
                ItemPath.parse("/docs"),
                ItemType.FOLDER,
                Optional.empty(),
                TOKEN,
                Optional.empty(),
                expiresAt,
                SharePermissions.DEFAULT,
                Optional.empty(),
                maxAccesses,
                accessCount,
                Optional.empty(),
                NOW.minus(Duration.ofDays(30)),
                UserId.of("alice"),
                Optional.empty());
    }

    @Test
    void createRejectsExpiryInThePastOrNow() {
        assertThatThrownBy(() -> create(Optional.of(NOW)))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(((InvalidValueException) e).field()).isEqualTo("expiresAt"));
        assertThatThrownBy(() -> create(Optional.of(NOW.minusMillis(1)))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> create(Optional.of(NOW.minus(Duration.ofDays(365)))))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void createAcceptsExpiryOneMillisecondAhead() {
        Share share = create(Optional.of(NOW.plusMillis(1)));
        assertThat(share.expiresAt()).contains(NOW.plusMillis(1));
        assertThat(share.isExpired(NOW)).isFalse();
    }

    @Test
    void createStartsFresh() {
        Share share = create(Optional.empty());
        assertThat(share.accessCount()).isZero();
        assertThat(share.lastAccessedAt()).isEmpty();
        assertThat(share.createdAt()).isEqualTo(NOW);
        assertThat(share.expiresAt()).isEmpty();
        assertThat(share.hasPassword()).isTrue();
        assertThat(share.isRoomLink()).isFalse();
    }

    @Test
    void restoreAcceptsAnExpiredShare() {
        Share share = restore(Optional.of(NOW.minus(Duration.ofDays(1))), 5, Optional.empty());
        assertThat(share.isExpired(NOW)).isTrue();
        assertThat(share.isUsable(NOW)).isFalse();
        assertThat(share.accessCount()).isEqualTo(5);
    }

    @Test
    void expiryBoundaryIsExact() {
        Instant expiresAt = NOW.plus(Duration.ofHours(1));
        Share share = restore(Optional.of(expiresAt), 0, Optional.empty());
        assertThat(share.isExpired(expiresAt.minusMillis(1))).isFalse();
        assertThat(share.isExpired(expiresAt.minusNanos(1))).isFalse();
        assertThat(share.isExpired(expiresAt))
                .as("expired at the instant itself")
                .isTrue();
        assertThat(share.isExpired(expiresAt.plusMillis(1))).isTrue();
        assertThat(share.isUsable(expiresAt.minusMillis(1))).isTrue();
        assertThat(share.isUsable(expiresAt)).isFalse();
    }

    @Test
    void anExpiryLaterThanTheMaximumIsRefusedNotOverflowed() {
        // issue 13, item 4: this one overflowed the epoch milliseconds of the store (a 500)
        for (String far : new String[] {
            "+292278995-01-01T00:00:00Z",
            "+1000000000-12-31T23:59:59Z",
            "+10000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.001Z"
        }) {
            assertThatThrownBy(() -> Share.checkFutureExpiry(Instant.parse(far), NOW))
                    .isInstanceOfSatisfying(
                            InvalidValueException.class,
                            e -> assertThat(e.field()).isEqualTo("expiresAt"))
                    .hasMessageContaining("9999-12-31T23:59:59Z");
        }
        Share.checkFutureExpiry(Share.MAX_EXPIRY, NOW);
        assertThat(Share.MAX_EXPIRY.toEpochMilli()).isPositive();
    }

    @Test
    void shareWithoutExpiryNeverExpires() {
        Share share = restore(Optional.empty(), 0, Optional.empty());
        assertThat(share.isExpired(Instant.MAX)).isFalse();
    }

    @Test
    void exhaustedWhenAccessCountReachesMax() {
        assertThat(restore(Optional.empty(), 2, Optional.of(3L)).isExhausted()).isFalse();
        assertThat(restore(Optional.empty(), 3, Optional.of(3L)).isExhausted()).isTrue();
        assertThat(restore(Optional.empty(), 3, Optional.of(3L)).isUsable(NOW)).isFalse();
        assertThat(restore(Optional.empty(), 1_000_000, Optional.empty()).isExhausted())
                .isFalse();
    }

    @Test
    void invariantsAreCheckedOnRestoreToo() {
        assertThatThrownBy(() -> restore(Optional.empty(), -1, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> restore(Optional.empty(), 0, Optional.of(0L)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Share.create(
                        ID,
                        ItemPath.root(),
                        ItemType.FILE,
                        Optional.empty(),
                        TOKEN,
                        Optional.empty(),
                        Optional.empty(),
                        SharePermissions.DEFAULT,
                        Optional.empty(),
                        Optional.empty(),
                        NOW,
                        UserId.of("alice"),
                        Optional.empty()))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void labelRules() {
        Share.checkLabel("x".repeat(Share.MAX_LABEL_LENGTH));
        assertThatThrownBy(() -> Share.checkLabel("x".repeat(Share.MAX_LABEL_LENGTH + 1)))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Share.checkLabel("two\nlines")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> create(Optional.empty()).withLabel(Optional.of("bad\u0000label")))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void maxAccessesMustBePositive() {
        Share.checkMaxAccesses(1);
        assertThatThrownBy(() -> Share.checkMaxAccesses(0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Share.checkMaxAccesses(-5)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void withersChangeOnlyTheirField() {
        Share share = create(Optional.empty());
        Share changed = share.withPasswordHash(Optional.empty())
                .withPermissions(SharePermissions.READ_WRITE)
                .withLabel(Optional.empty())
                .withMaxAccesses(Optional.empty())
                .withExpiresAt(Optional.of(NOW.minusSeconds(1))); // restoring rules: past is allowed here
        assertThat(changed.hasPassword()).isFalse();
        assertThat(changed.permissions()).isEqualTo(SharePermissions.READ_WRITE);
        assertThat(changed.label()).isEmpty();
        assertThat(changed.maxAccesses()).isEmpty();
        assertThat(changed.expiresAt()).contains(NOW.minusSeconds(1));
        assertThat(changed.id()).isEqualTo(share.id());
        assertThat(changed.token()).isEqualTo(share.token());
        assertThat(changed.createdAt()).isEqualTo(share.createdAt());
        assertThat(changed.itemPath()).isEqualTo(share.itemPath());
    }

    @Test
    void toStringHidesTokenAndHash() {
        String text = create(Optional.empty()).toString();
        assertThat(text).doesNotContain(TOKEN.value()).doesNotContain(HASH).doesNotContain("$2b$");
        assertThat(text).contains(ID.toString());
    }

    @Test
    void anOwnersLinkIsNewAndBelongsToNoRoomAndNoParent() {
        LinkPolicy policy = new LinkPolicy(
                SharePermissions.READ_WRITE,
                Optional.of(HASH),
                Optional.of(NOW.plus(Duration.ofDays(1))),
                Optional.of(5L),
                Optional.of("team"));

        Share s = Share.ownerLink(ID, TOKEN, UserId.of("alice"), ItemPath.parse("/docs"), ItemType.FOLDER, policy, NOW);

        assertThat(s.policy()).isEqualTo(policy);
        assertThat(s.createdBy()).isEqualTo(UserId.of("alice"));
        assertThat(s.roomId()).isEmpty();
        assertThat(s.parentId()).isEmpty();
        assertThat(s.accessCount()).isZero();
        assertThat(s.lastAccessedAt()).isEmpty();
        assertThat(s.createdAt()).isEqualTo(NOW);
        assertThatThrownBy(() -> Share.ownerLink(
                        ID,
                        TOKEN,
                        UserId.of("alice"),
                        ItemPath.parse("/docs"),
                        ItemType.FOLDER,
                        policy.withExpiresAt(Optional.of(NOW)),
                        NOW))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aRoomLinkIsAFolderOfItsRoom() {
        RoomId room = RoomId.random();

        Share s = Share.roomLink(
                ID,
                TOKEN,
                room,
                UserId.of("olga"),
                ItemPath.parse("/sharebridge-room-1"),
                LinkPolicy.of(SharePermissions.READ_ONLY).withLabel(Optional.of("meeting folder (read)")),
                NOW);

        assertThat(s.roomId()).contains(room);
        assertThat(s.itemType()).isEqualTo(ItemType.FOLDER);
        assertThat(s.isRoomLink()).isTrue();
        assertThat(s.label()).contains("meeting folder (read)");
    }

    @Test
    void aReshareKeepsItsParentsItemOwnerAndRoomAndNamesItsParent() {
        Share parent = create(Optional.empty());
        ShareId childId = ShareId.random();

        Share child = Share.reshare(
                parent,
                childId,
                ShareToken.generate(new FixedBytesRandom(9)),
                LinkPolicy.of(SharePermissions.READ_ONLY),
                NOW.plusSeconds(5));

        assertThat(child.id()).isEqualTo(childId);
        assertThat(child.parentId()).contains(parent.id());
        assertThat(child.itemPath()).isEqualTo(parent.itemPath());
        assertThat(child.itemType()).isEqualTo(parent.itemType());
        assertThat(child.roomId()).isEqualTo(parent.roomId());
        assertThat(child.createdBy()).isEqualTo(parent.createdBy());
        assertThat(child.passwordHash()).isEmpty();
        assertThat(child.maxAccesses()).isEmpty();
    }
}
