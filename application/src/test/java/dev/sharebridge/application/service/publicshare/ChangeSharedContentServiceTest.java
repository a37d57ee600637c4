package dev.sharebridge.application.service.publicshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.in.publicshare.ReshareCommand;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.SharePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each permission allows on every route, and that subpaths stay inside the shared item. */
class ChangeSharedContentServiceTest extends PublicShareFixture {
    // ---- permissions

    @Test
    void a_read_only_link_can_write_nothing() {
        Share s = folder(SharePermissions.READ_ONLY);
        assertThatThrownBy(() -> services.change().upload(as(s), ItemPath.parse("n.txt"), bytes("n")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.change().makeFolder(as(s), ItemPath.parse("f")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.change().delete(as(s), ItemPath.parse("a.txt")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.reshare()
                        .reshare(
                                as(s),
                                new ReshareCommand(
                                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .isInstanceOf(ForbiddenException.class);
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/a.txt"))).isTrue();
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/n.txt"))).isFalse();
    }

    @Test
    void a_file_drop_takes_new_files_only_and_shows_nothing() throws Exception {
        Share s = folder(new SharePermissions(false, true, false));

        assertThat(services.change()
                        .upload(as(s), ItemPath.parse("in/new.txt"), bytes("new"))
                        .created())
                .isTrue();
        assertThat(files.content(ItemPath.parse("/users/alice/docs/in/new.txt")))
                .isEqualTo("new");

        assertThatThrownBy(() -> services.change().upload(as(s), ItemPath.parse("a.txt"), bytes("evil")))
                .isInstanceOf(ForbiddenException.class);
        assertThat(files.content(ItemPath.parse("/users/alice/docs/a.txt"))).isEqualTo("hello");
        assertThatThrownBy(() -> services.browse().list(as(s), ItemPath.root())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.browse().stat(as(s), ItemPath.parse("a.txt")))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.download().download(as(s), ItemPath.parse("a.txt"), Optional.empty()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.download().zip(as(s), ItemPath.root()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.change().delete(as(s), ItemPath.parse("a.txt")))
                .isInstanceOf(ForbiddenException.class);
        // folders it may make (its uploads make theirs), as WebDAV clients do before they upload
        assertThat(services.change().makeFolder(as(s), ItemPath.parse("f"))).isTrue();
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/f"))).isTrue();
        assertThatThrownBy(() -> services.change().move(as(s), ItemPath.parse("a.txt"), ItemPath.parse("b.txt"), false))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.change().copy(as(s), ItemPath.parse("a.txt"), ItemPath.parse("b.txt"), false))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.change().checkChange(as(s))).isInstanceOf(ForbiddenException.class);
        assertThat(services.open().open(as(s)).itemType()).isEqualTo(ItemType.FOLDER);
    }

    @Test
    void read_write_links_replace_make_folders_and_delete_but_never_the_root() throws Exception {
        Share s = folder(SharePermissions.READ_WRITE);

        assertThat(services.change()
                        .upload(as(s), ItemPath.parse("a.txt"), bytes("new"))
                        .created())
                .isFalse();
        assertThat(files.content(ItemPath.parse("/users/alice/docs/a.txt"))).isEqualTo("new");
        assertThat(services.change().makeFolder(as(s), ItemPath.parse("made"))).isTrue();
        services.change().delete(as(s), ItemPath.parse("sub"));
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/sub"))).isFalse();
        assertThatThrownBy(() -> services.change().delete(as(s), ItemPath.root()))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.change().delete(as(s), ItemPath.parse("gone")))
                .isInstanceOf(NotFoundException.class);
        assertThat(files.exists(ItemPath.parse("/users/alice/docs"))).isTrue();
    }

    @Test
    void read_write_links_move_and_copy_inside_but_never_the_root() throws Exception {
        Share s = folder(SharePermissions.READ_WRITE);
        services.change().checkChange(as(s));

        assertThat(services.change()
                        .copy(as(s), ItemPath.parse("a.txt"), ItemPath.parse("c.txt"), false)
                        .created())
                .isTrue();
        assertThat(files.content(ItemPath.parse("/users/alice/docs/c.txt"))).isEqualTo("hello");
        assertThat(services.change()
                        .move(as(s), ItemPath.parse("c.txt"), ItemPath.parse("sub/d.txt"), false)
                        .item()
                        .path())
                .isEqualTo(ItemPath.parse("sub/d.txt"));
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/c.txt"))).isFalse();
        assertThat(files.content(ItemPath.parse("/users/alice/docs/sub/d.txt"))).isEqualTo("hello");
        assertThatThrownBy(() ->
                        services.change().move(as(s), ItemPath.parse("a.txt"), ItemPath.parse("sub/d.txt"), false))
                .isInstanceOf(dev.sharebridge.application.error.PreconditionFailedException.class);
        assertThatThrownBy(() -> services.change().move(as(s), ItemPath.root(), ItemPath.parse("x"), false))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.change().copy(as(s), ItemPath.parse("a.txt"), ItemPath.root(), true))
                .isInstanceOf(ForbiddenException.class);
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/a.txt"))).isTrue();
    }

    @Test
    void a_read_only_link_moves_and_copies_nothing() {
        Share s = folder(SharePermissions.READ_ONLY);
        assertThatThrownBy(() -> services.change().copy(as(s), ItemPath.parse("a.txt"), ItemPath.parse("c.txt"), false))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.change().move(as(s), ItemPath.parse("a.txt"), ItemPath.parse("c.txt"), false))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> services.change().checkChange(as(s))).isInstanceOf(ForbiddenException.class);
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/c.txt"))).isFalse();
        assertThat(files.exists(ItemPath.parse("/users/alice/docs/a.txt"))).isTrue();
    }

    @Test
    void deleting_through_a_link_removes_the_owners_links_on_the_deleted_item() throws Exception {
        Share s = folder(SharePermissions.READ_WRITE);
        Share onSub = share(
                "docs/sub/b.txt",
                ItemType.FILE,
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());

        services.change().delete(as(s), ItemPath.parse("sub"));

        assertThat(shares.findById(onSub.id())).isEmpty();
        assertThat(shares.findById(s.id())).isPresent();
    }

    @Test
    void subpaths_stay_inside_the_shared_item() throws Exception {
        Share file = share(
                "docs/a.txt",
                ItemType.FILE,
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Share dir = folder(SharePermissions.DEFAULT);

        assertThatThrownBy(() -> services.download().download(as(file), ItemPath.parse("x"), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThat(services.browse().stat(as(file), ItemPath.root()).path()).isEqualTo(ItemPath.parse("a.txt"));
        FolderListing l = services.browse().list(as(dir), ItemPath.parse("sub"));
        assertThat(l.folder().path()).isEqualTo(ItemPath.parse("sub"));
        assertThat(l.children()).extracting(i -> i.path().toString()).containsExactly("/sub/b.txt");
        assertThatThrownBy(() -> ItemPath.parse("../x")).isInstanceOf(InvalidValueException.class);
    }
}
