package dev.sharebridge.domain.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkChainTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.000Z");
    private static int seed;

    private static Share link(
            Optional<Share> parent,
            SharePermissions permissions,
            Optional<Instant> expiresAt,
            Optional<Long> maxAccesses,
            long accessCount) {
        return new Share(
                ShareId.random(),
                ItemPath.parse("/docs"),
                ItemType.FOLDER,
                Optional.empty(),
                ShareToken.generate(new FixedBytesRandom(++seed)),
                Optional.empty(),
                expiresAt,
                permissions,
                Optional.empty(),
                maxAccesses,
                accessCount,
                Optional.empty(),
                NOW.minus(Duration.ofDays(1)),
                UserId.of("alice"),
                parent.map(Share::id));
    }

    private static Share plain(Optional<Share> parent) {
        return link(parent, new SharePermissions(true, true, true), Optional.empty(), Optional.empty(), 0);
    }

    @Test
    void theChainAllowsWhatEveryLinkAllowsAndEndsWithTheEarliestExpiry() {
        Share root = link(
                Optional.empty(),
                new SharePermissions(true, true, true),
                Optional.of(NOW.plusSeconds(60)),
                Optional.empty(),
                0);
        Share parent =
                link(Optional.of(root), new SharePermissions(true, false, true), Optional.empty(), Optional.empty(), 0);
        Share child = link(
                Optional.of(parent),
                new SharePermissions(true, true, false),
                Optional.of(NOW.plusSeconds(3600)),
                Optional.empty(),
                0);

        LinkChain chain = LinkChain.of(List.of(child, parent, root));

        assertThat(chain.link()).isEqualTo(child);
        assertThat(chain.depth()).isEqualTo(2);
        assertThat(chain.permissions()).isEqualTo(new SharePermissions(true, false, false));
        assertThat(chain.expiresAt()).contains(NOW.plusSeconds(60));
        assertThat(chain.rootFirst()).containsExactly(root, parent, child);
        assertThat(chain.isUsable(NOW)).isTrue();
        assertThat(chain.isUsable(NOW.plusSeconds(60))).as("the root expired").isFalse();
        assertThat(chain.isLimited()).isFalse();
    }

    @Test
    void aUsedUpAncestorMakesTheWholeChainUnusable() {
        Share root = link(Optional.empty(), SharePermissions.DEFAULT, Optional.empty(), Optional.of(2L), 2);
        Share child = plain(Optional.of(root));

        LinkChain chain = LinkChain.of(List.of(child, root));

        assertThat(child.isUsable(NOW)).isTrue();
        assertThat(chain.isUsable(NOW)).isFalse();
        assertThat(chain.isLimited()).isTrue();
        assertThat(LinkChain.of(root).isUsable(NOW)).isFalse();
    }

    @Test
    void onlyAWholeChainIsAChain() {
        Share root = plain(Optional.empty());
        Share parent = plain(Optional.of(root));
        Share child = plain(Optional.of(parent));

        assertThatThrownBy(() -> LinkChain.of(child)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkChain.of(List.of(child, parent)))
                .as("does not reach the root")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkChain.of(List.of(child, root)))
                .as("skips a link")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkChain.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(LinkChain.of(root)).isEqualTo(LinkChain.of(List.of(root)));
    }

    @Test
    void aChainIsAtMostSixteenLinks() {
        List<Share> rootFirst = new ArrayList<>();
        rootFirst.add(plain(Optional.empty()));
        for (int i = 1; i < LinkChain.MAX_LENGTH + 1; i++) {
            rootFirst.add(plain(Optional.of(rootFirst.get(i - 1))));
        }
        List<Share> linkFirst = new ArrayList<>(rootFirst);
        java.util.Collections.reverse(linkFirst);

        assertThat(LinkChain.of(linkFirst.subList(1, linkFirst.size())).depth()).isEqualTo(LinkChain.MAX_LENGTH - 1);
        assertThatThrownBy(() -> LinkChain.of(linkFirst)).isInstanceOf(IllegalArgumentException.class);
    }
}
