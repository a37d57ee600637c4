package dev.sharebridge.application.service.publicshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ReshareCommand;
import dev.sharebridge.application.port.in.share.ShareView;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reshared links: their bounds, and the chain they live and count in. */
class ReshareServiceTest extends PublicShareFixture {
    // ---- reshare

    private Share resharable(Optional<Instant> expiry) {
        return share(
                "docs",
                ItemType.FOLDER,
                new SharePermissions(true, true, true),
                Optional.empty(),
                expiry,
                Optional.empty());
    }

    @Test
    void reshare_makes_a_bounded_child() throws Exception {
        Instant expiry = clock.instant().plus(Duration.ofDays(2));
        Share parent = resharable(Optional.of(expiry));

        ShareView child = services.reshare()
                .reshare(
                        as(parent),
                        new ReshareCommand(
                                Optional.of(PASSWORD), Optional.empty(), Optional.empty(), Optional.of("for carol")));

        Share c = child.share();
        assertThat(c.parentId()).contains(parent.id());
        assertThat(c.createdBy()).isEqualTo(alice);
        assertThat(c.roomId()).isEqualTo(parent.roomId());
        assertThat(c.itemPath()).isEqualTo(parent.itemPath());
        assertThat(c.expiresAt()).contains(expiry);
        assertThat(c.permissions()).isEqualTo(SharePermissions.DEFAULT);
        assertThat(c.hasPassword()).isTrue();
        assertThat(child.url())
                .isEqualTo("https://share.example.org/s/" + c.token().value());
        assertThat(shares.findById(c.id())).isPresent();
    }

    @Test
    void reshare_cannot_exceed_the_parent() {
        Instant expiry = clock.instant().plus(Duration.ofDays(2));
        Share parent = share(
                "docs",
                ItemType.FOLDER,
                new SharePermissions(true, false, true),
                Optional.empty(),
                Optional.of(expiry),
                Optional.empty());

        assertThatThrownBy(() -> services.reshare()
                        .reshare(
                                as(parent),
                                new ReshareCommand(
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.of(SharePermissions.READ_WRITE),
                                        Optional.empty())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("permissions"));
        assertThatThrownBy(() -> services.reshare()
                        .reshare(
                                as(parent),
                                new ReshareCommand(
                                        Optional.empty(),
                                        Optional.of(expiry.plusMillis(1)),
                                        Optional.empty(),
                                        Optional.empty())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("expiresAt"));
        assertThatThrownBy(() -> services.reshare()
                        .reshare(
                                as(parent),
                                new ReshareCommand(
                                        Optional.of("password1"),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("password"));
        assertThat(shares.size()).isEqualTo(1);
    }

    @Test
    void a_reshared_password_must_not_contain_the_parents_token_nor_be_guessable() {
        Share parent = resharable(Optional.empty());
        for (String bad : List.of(
                parent.token().value(),
                "see " + parent.token().value().toLowerCase(Locale.ROOT),
                "Password2024",
                "welcome2024",
                "qwertzuiop",
                "\udfffQx7-harbour-lantern")) {
            assertThatThrownBy(() -> services.reshare()
                            .reshare(
                                    as(parent),
                                    new ReshareCommand(
                                            Optional.of(bad), Optional.empty(), Optional.empty(), Optional.empty())))
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
        assertThatThrownBy(() -> services.reshare()
                        .reshare(
                                as(parent),
                                new ReshareCommand(
                                        Optional.empty(),
                                        Optional.of(Instant.parse("+292278995-01-01T00:00:00Z")),
                                        Optional.empty(),
                                        Optional.empty())))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("expiresAt"));
    }

    @Test
    void a_child_dies_with_its_parent_and_never_outgrows_it() throws Exception {
        Instant expiry = clock.instant().plus(Duration.ofDays(2));
        Share parent = resharable(Optional.of(expiry));
        Share child = services.reshare()
                .reshare(
                        as(parent),
                        new ReshareCommand(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(new SharePermissions(true, true, false)),
                                Optional.empty()))
                .share();
        services.change().upload(as(child), ItemPath.parse("x.txt"), bytes("x"));

        // the owner narrows the parent: the child narrows with it at once
        shares.update(parent.withPermissions(new SharePermissions(true, false, true)));
        assertThatThrownBy(() -> services.change().upload(as(child), ItemPath.parse("y.txt"), bytes("y")))
                .isInstanceOf(ForbiddenException.class);
        // a child whose own expiry is later than its parent's dies with the parent
        shares.update(child.withExpiresAt(Optional.empty()));
        clock.set(expiry);
        assertThatThrownBy(() -> services.open().open(as(child))).isInstanceOf(NotFoundException.class);
        clock.set(expiry.minusSeconds(1));
        shares.deleteWithDescendants(parent.id());
        assertThatThrownBy(() -> services.open().open(as(child))).isInstanceOf(NotFoundException.class);
    }

    // ---- reshared links and max_accesses

    private Share resharableWithMaxAccesses(long max) {
        return share(
                "docs",
                ItemType.FOLDER,
                new SharePermissions(true, true, true),
                Optional.empty(),
                Optional.empty(),
                Optional.of(max));
    }

    private Share childOf(Share parent) throws Exception {
        return services.reshare()
                .reshare(
                        as(parent),
                        new ReshareCommand(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(new SharePermissions(true, true, true)),
                                Optional.empty()))
                .share();
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

        services.open().open(as(child));
        text(services.download().download(as(child), ItemPath.parse("a.txt"), Optional.empty()));

        assertThatThrownBy(() -> services.open().open(fresh(child))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.open().open(fresh(parent)))
                .as("used up by its sub-link")
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
                    services.open().open(fresh(child));
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
                    services.open().open(fresh(link));
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
        services.open().open(as(parent));

        for (Share link : List.of(child, grandchild)) {
            List<ThrowingRoute> routes = List.of(
                    () -> services.open().open(fresh(link)),
                    () -> services.open().describe(fresh(link)),
                    () -> services.verify().verify(link.token().value(), "", "198.51.100." + clients.incrementAndGet()),
                    () -> services.browse().list(fresh(link), ItemPath.root()),
                    () -> services.browse().stat(fresh(link), ItemPath.parse("a.txt")),
                    () -> services.download().download(fresh(link), ItemPath.parse("a.txt"), Optional.empty()),
                    () -> services.download().zip(fresh(link), ItemPath.root()),
                    () -> services.download().zipFileName(fresh(link), ItemPath.root()),
                    () -> services.change().upload(fresh(link), ItemPath.parse("new.txt"), bytes("n")),
                    () -> services.change().makeFolder(fresh(link), ItemPath.parse("new")),
                    () -> services.change().delete(fresh(link), ItemPath.parse("a.txt")),
                    () -> services.reshare()
                            .reshare(
                                    fresh(link),
                                    new ReshareCommand(
                                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
            for (int i = 0; i < routes.size(); i++) {
                int route = i;
                assertThatThrownBy(() -> routes.get(route).call())
                        .as("route %d of %s", route, link == child ? "the child" : "the grandchild")
                        .isInstanceOf(NotFoundException.class);
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
}
