package dev.sharebridge.application.service.publicshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PasswordRequiredException;
import dev.sharebridge.application.port.in.publicshare.Grant;
import dev.sharebridge.application.port.in.publicshare.OpenedShare;
import dev.sharebridge.application.port.in.publicshare.PublicAccess;
import dev.sharebridge.application.port.in.publicshare.ReshareCommand;
import dev.sharebridge.application.port.in.publicshare.Visit;
import dev.sharebridge.application.service.share.ShareSettings;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One visit, one access: the open counts, what the visitor then downloads with its visit does not. */
class VisitsTest extends PublicShareFixture {

    private Share file(Optional<String> password, Optional<Long> max) {
        return share("docs/a.txt", ItemType.FILE, SharePermissions.DEFAULT, password, Optional.empty(), max);
    }

    private Share folderOf(Optional<Long> max) {
        return share("docs", ItemType.FOLDER, SharePermissions.DEFAULT, Optional.empty(), Optional.empty(), max);
    }

    private static PublicAccess with(Share s, Visit v) {
        return new PublicAccess(s.token().value(), Optional.empty(), Optional.of(v.value()), CLIENT);
    }

    private static PublicAccess with(Share s, Grant g, Visit v) {
        return new PublicAccess(s.token().value(), Optional.of(g.value()), Optional.of(v.value()), CLIENT);
    }

    private long count(Share s) {
        return shares.findById(s.id()).orElseThrow().accessCount();
    }

    private Visit openVisit(PublicAccess access) throws Exception {
        return services.open().open(access).visit().orElseThrow();
    }

    @Test
    void a_link_of_one_access_is_opened_and_downloaded_with_its_visit_as_often_as_the_page_asks() throws Exception {
        Share s = file(Optional.empty(), Optional.of(1L));

        OpenedShare opened = services.open().open(as(s));
        Visit visit = opened.visit().orElseThrow();
        assertThat(visit.expiresAt()).isEqualTo(clock.instant().plus(ShareSettings.DEFAULT_VISIT_TTL));
        assertThat(count(s)).isEqualTo(1);

        assertThat(text(services.download().download(with(s, visit), ItemPath.root(), Optional.empty())))
                .isEqualTo("hello");
        assertThat(text(services.download()
                        .downloadLater(with(s, visit), ItemPath.root(), Optional.empty())
                        .toCompletableFuture()
                        .join()))
                .isEqualTo("hello");
        assertThat(services.browse().stat(with(s, visit), ItemPath.root()).size())
                .isEqualTo(5);
        // opening the page again (reload, retry) with the visit is the same visit, not a longer one
        clock.advance(Duration.ofMinutes(3));
        assertThat(services.open().open(with(s, visit)).visit()).contains(visit);
        assertThat(count(s)).isEqualTo(1);

        // without the visit, the one access is used up
        assertThatThrownBy(() -> services.download().download(as(s), ItemPath.root(), Optional.empty()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(PublicShareServices.NOT_FOUND);
        assertThatThrownBy(() -> services.open().open(as(s))).isInstanceOf(NotFoundException.class);
        assertThat(count(s)).isEqualTo(1);
    }

    @Test
    void a_folder_of_one_access_is_listed_and_zipped_with_its_visit() throws Exception {
        Share s = folderOf(Optional.of(1L));
        Visit visit = openVisit(as(s));

        assertThat(services.browse().list(with(s, visit), ItemPath.root()).children())
                .hasSize(2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        services.download()
                .zipLater(with(s, visit), ItemPath.root())
                .toCompletableFuture()
                .join()
                .body()
                .writeTo(out);
        assertThat(out.size()).isPositive();
        assertThat(text(services.download().download(with(s, visit), ItemPath.parse("sub/b.txt"), Optional.empty())))
                .isEqualTo("bee");
        assertThat(count(s)).isEqualTo(1);
        assertThatThrownBy(() -> services.browse().list(as(s), ItemPath.root())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> services.download().zip(as(s), ItemPath.root()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void an_ended_visit_counts_again() throws Exception {
        Share s = file(Optional.empty(), Optional.of(2L));
        Visit visit = openVisit(as(s));

        clock.set(visit.expiresAt().minusMillis(1));
        text(services.download().download(with(s, visit), ItemPath.root(), Optional.empty()));
        assertThat(count(s)).isEqualTo(1);

        clock.set(visit.expiresAt());
        text(services.download().download(with(s, visit), ItemPath.root(), Optional.empty()));
        assertThat(count(s)).isEqualTo(2);
        assertThatThrownBy(() -> services.download().download(with(s, visit), ItemPath.root(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        // and an open with it is a new, counted one (refused here: both accesses are used)
        assertThatThrownBy(() -> services.open().open(with(s, visit))).isInstanceOf(NotFoundException.class);
        assertThat(count(s)).isEqualTo(2);
    }

    @Test
    void a_visit_of_one_link_is_nothing_on_another() throws Exception {
        Share a = file(Optional.empty(), Optional.of(1L));
        Share b = file(Optional.empty(), Optional.of(1L));
        Visit ofA = openVisit(as(a));
        services.open().open(as(b));

        assertThatThrownBy(() -> services.download().download(with(b, ofA), ItemPath.root(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        Share c = file(Optional.empty(), Optional.of(5L));
        text(services.download().download(with(c, ofA), ItemPath.root(), Optional.empty()));
        assertThat(count(c)).isEqualTo(1);
    }

    @Test
    void deleting_or_expiring_the_link_ends_its_visits_at_once() throws Exception {
        Share s = file(Optional.empty(), Optional.of(1L));
        Visit visit = openVisit(as(s));
        shares.deleteWithDescendants(s.id());
        assertThatThrownBy(() -> services.download().download(with(s, visit), ItemPath.root(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);

        Instant end = clock.instant().plus(Duration.ofMinutes(5));
        Share t = share(
                "docs/a.txt",
                ItemType.FILE,
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.of(end),
                Optional.of(1L));
        Visit short_ = openVisit(as(t));
        assertThat(short_.expiresAt()).isEqualTo(end);
        clock.set(end.minusMillis(1));
        text(services.download().download(with(t, short_), ItemPath.root(), Optional.empty()));
        clock.set(end);
        assertThatThrownBy(() -> services.download().download(with(t, short_), ItemPath.root(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_new_or_removed_password_ends_the_visits_of_the_old_one() throws Exception {
        Share s = file(Optional.of(PASSWORD), Optional.of(2L));
        Grant grant = services.verify().verify(s.token().value(), PASSWORD, CLIENT);
        Visit visit = openVisit(as(s, grant));
        assertThat(count(s)).isEqualTo(1);
        // the visit is no grant: a password link still wants its grant
        assertThatThrownBy(() -> services.download().download(with(s, visit), ItemPath.root(), Optional.empty()))
                .isInstanceOf(PasswordRequiredException.class);
        text(services.download().download(with(s, grant, visit), ItemPath.root(), Optional.empty()));
        assertThat(count(s)).isEqualTo(1);

        shares.update(shares.findById(s.id()).orElseThrow().withPasswordHash(Optional.of(hasher.hash("another pass"))));
        Grant fresh = services.verify().verify(s.token().value(), "another pass", CLIENT);
        // the old visit is no visit any more: the download is a new access (the second and last)
        text(services.download().download(with(s, fresh, visit), ItemPath.root(), Optional.empty()));
        assertThat(count(s)).isEqualTo(2);
        assertThatThrownBy(() -> services.download().download(with(s, fresh, visit), ItemPath.root(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);

        Share u = file(Optional.of(PASSWORD), Optional.of(1L));
        Grant g = services.verify().verify(u.token().value(), PASSWORD, CLIENT);
        Visit v = openVisit(as(u, g));
        shares.update(shares.findById(u.id()).orElseThrow().withPasswordHash(Optional.empty()));
        assertThatThrownBy(() -> services.download().download(with(u, v), ItemPath.root(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThat(count(u)).isEqualTo(1);
    }

    @Test
    void a_visit_is_no_grant_and_a_grant_no_visit() throws Exception {
        Share s = file(Optional.of(PASSWORD), Optional.of(1L));
        Grant grant = services.verify().verify(s.token().value(), PASSWORD, CLIENT);
        Visit visit = openVisit(as(s, grant));
        PublicAccess visitAsGrant =
                new PublicAccess(s.token().value(), Optional.of(visit.value()), Optional.of(visit.value()), CLIENT);
        assertThatThrownBy(() -> services.download().download(visitAsGrant, ItemPath.root(), Optional.empty()))
                .isInstanceOf(PasswordRequiredException.class);
        PublicAccess grantAsVisit =
                new PublicAccess(s.token().value(), Optional.of(grant.value()), Optional.of(grant.value()), CLIENT);
        assertThatThrownBy(() -> services.download().download(grantAsVisit, ItemPath.root(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_visit_is_checked_by_any_instance_with_the_key_and_by_none_without() throws Exception {
        Share s = file(Optional.empty(), Optional.of(1L));
        Visit visit = openVisit(as(s));
        PublicShareServices other = newService(); // another instance: same database, same key
        text(other.download().download(with(s, visit), ItemPath.root(), Optional.empty()));
        assertThat(count(s)).isEqualTo(1);

        PublicShareServices otherKey = new PublicShareServices(
                shares, files, roomFiles, hasher, strength, fence, new FakeSecretBox("other"), clock, random, settings);
        assertThatThrownBy(() -> otherKey.download().download(with(s, visit), ItemPath.root(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_forged_visit_counts_as_none() throws Exception {
        Share s = file(Optional.empty(), Optional.of(2L));
        Visit visit = openVisit(as(s));
        String v = visit.value();
        String later = v.replaceFirst("\\.\\d+\\.", "." + (visit.expiresAt().toEpochMilli() + 3_600_000) + ".");
        PublicAccess forged = new PublicAccess(s.token().value(), Optional.empty(), Optional.of(later), CLIENT);
        text(services.download().download(forged, ItemPath.root(), Optional.empty()));
        assertThat(count(s)).isEqualTo(2);
        assertThatThrownBy(() -> services.open().open(forged)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_visit_of_a_reshared_link_stands_for_the_access_it_counted_all_the_way_up() throws Exception {
        Share parent = share(
                "docs",
                ItemType.FOLDER,
                new SharePermissions(true, false, true),
                Optional.empty(),
                Optional.empty(),
                Optional.of(1L));
        Share child = services.reshare()
                .reshare(
                        as(parent),
                        new ReshareCommand(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .share();
        Visit visit = openVisit(as(child));
        assertThat(count(parent)).isEqualTo(1);
        assertThat(services.browse().list(with(child, visit), ItemPath.root()).children())
                .hasSize(2);
        text(services.download().download(with(child, visit), ItemPath.parse("a.txt"), Optional.empty()));
        assertThat(count(parent)).isEqualTo(1);
        assertThatThrownBy(() -> services.open().open(as(parent))).isInstanceOf(NotFoundException.class);
    }
}
