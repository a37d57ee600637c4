package dev.sharebridge.application.service.publicshare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Grants name the key that signed them, so that a key can be replaced without ending them at once. */
class GrantsTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2030-01-01T00:00:00Z");
    /** The share the grant below was made for. */
    private static final Share SHARE = Share.create(
            ShareId.of("6f1c2a3e-0b4d-4c5e-8f90-112233445566"),
            ItemPath.parse("/docs"),
            ItemType.FOLDER,
            Optional.empty(),
            ShareToken.generate(new SecureRandom()),
            Optional.of("$2a$10$hashofthepassword"),
            Optional.empty(),
            SharePermissions.DEFAULT,
            Optional.empty(),
            Optional.empty(),
            NOW,
            UserId.of("alice"),
            Optional.empty());
    /** Made by the code before key ids, with {@link FakeSecretBox#DEFAULT_KEY}, for {@link #SHARE}. */
    private static final String GRANT_BEFORE_KEY_IDS =
            "1QrCiLkO3i4xGwI3a8p8cA.1893456000000.R3_S79F1J_GuDp7RN0lF3UT9yu508v2dNxS16H1avU0";

    private final SecureRandom random = new SecureRandom();

    @Test
    void aGrantNamesTheKeyThatSignedIt() {
        FakeSecretBox box = new FakeSecretBox("key-a");
        Grant grant = new Grants(box, random).issue(SHARE, EXPIRY);

        String[] parts = grant.value().split("\\.");
        assertThat(parts).hasSize(4);
        assertThat(parts[2]).isEqualTo(box.keyId());
        assertThat(new Grants(box, random).isValid(Optional.of(grant.value()), SHARE, NOW))
                .isTrue();
    }

    @Test
    void aGrantOfThePreviousKeyCountsUntilThatKeyIsDropped() {
        String underA = new Grants(new FakeSecretBox("key-a"), random)
                .issue(SHARE, EXPIRY)
                .value();
        Grants rotated = new Grants(new FakeSecretBox("key-b", "key-a"), random);
        Grants dropped = new Grants(new FakeSecretBox("key-b"), random);

        assertThat(rotated.isValid(Optional.of(underA), SHARE, NOW)).isTrue();
        assertThat(dropped.isValid(Optional.of(underA), SHARE, NOW)).isFalse();
        String underB = rotated.issue(SHARE, EXPIRY).value();
        assertThat(dropped.isValid(Optional.of(underB), SHARE, NOW)).isTrue();
    }

    @Test
    void aGrantMadeBeforeKeyIdsCountsWithWhicheverKeyOfTheRingMadeIt() {
        assertThat(new Grants(new FakeSecretBox(), random).isValid(Optional.of(GRANT_BEFORE_KEY_IDS), SHARE, NOW))
                .isTrue();
        assertThat(new Grants(new FakeSecretBox("key-b", FakeSecretBox.DEFAULT_KEY), random)
                        .isValid(Optional.of(GRANT_BEFORE_KEY_IDS), SHARE, NOW))
                .isTrue();
        assertThat(new Grants(new FakeSecretBox("key-b"), random)
                        .isValid(Optional.of(GRANT_BEFORE_KEY_IDS), SHARE, NOW))
                .isFalse();
        assertThat(new Grants(new FakeSecretBox(), random).isValid(Optional.of(GRANT_BEFORE_KEY_IDS), SHARE, EXPIRY))
                .as("expired")
                .isFalse();
    }

    @Test
    void aForgedKeyIdOrMacIsRefused() {
        FakeSecretBox a = new FakeSecretBox("key-a");
        FakeSecretBox b = new FakeSecretBox("key-b", "key-a");
        Grants grants = new Grants(b, random);
        String[] parts = new Grants(a, random).issue(SHARE, EXPIRY).value().split("\\.");
        String flipped = (parts[3].charAt(0) == 'A' ? "B" : "A") + parts[3].substring(1);

        for (String forged : new String[] {
            parts[0] + "." + parts[1] + "." + b.keyId() + "." + parts[3],
            parts[0] + "." + parts[1] + "." + "unknown" + "." + parts[3],
            parts[0] + "." + parts[1] + "." + "" + "." + parts[3],
            parts[0] + "." + parts[1] + "." + "a!b" + "." + parts[3],
            parts[0] + "." + parts[1] + "." + "k".repeat(17) + "." + parts[3],
            parts[0] + "." + parts[1] + "." + parts[2] + "." + flipped,
            parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2] + "." + parts[3]
        }) {
            assertThat(grants.isValid(Optional.of(forged), SHARE, NOW))
                    .as(forged)
                    .isFalse();
        }
        assertThat(grants.isValid(Optional.of(String.join(".", parts)), SHARE, NOW))
                .isTrue();
    }
}
