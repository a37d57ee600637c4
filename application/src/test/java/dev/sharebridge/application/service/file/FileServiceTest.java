package dev.sharebridge.application.service.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.ConflictException;
import dev.sharebridge.application.error.ForbiddenException;
import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.PreconditionFailedException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.file.FolderListing;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.testing.InMemoryDeletionFence;
import dev.sharebridge.application.testing.InMemoryMoveJournal;
import dev.sharebridge.application.testing.InMemoryParticipantRegistry;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryStorageProvider.Op;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ByteRange;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.ItemContent;
import dev.sharebridge.domain.storage.StorageRejectedException;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.storage.TransferResult;
import dev.sharebridge.domain.storage.WriteResult;
import dev.sharebridge.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileServiceTest {
    private final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    private final InMemoryShareRepository shares = new InMemoryShareRepository();
    private final InMemoryStorageProvider files = new InMemoryStorageProvider(clock);
    private final InMemoryDeletionFence fence = new InMemoryDeletionFence(shares);
    private final InMemoryParticipantRegistry instances = new InMemoryParticipantRegistry();
    private final InMemoryMoveJournal journal = new InMemoryMoveJournal(shares, instances);
    private final InstanceId instance = live(InstanceId.random(new SecureRandom()));
    private final FileService service = new FileService(files, shares, fence, journal, instance, clock);
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");

    /** An instance that holds a lease for the next minute. */
    private InstanceId live(InstanceId id) {
        instances.join(id, clock.instant(), clock.instant().plusSeconds(60));
        return id;
    }

    private static ByteArrayInputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private Share share(UserId owner, String path, ItemType type) {
        Share s = Share.create(
                ShareId.random(),
                ItemPath.parse(path),
                type,
                Optional.empty(),
                ShareToken.generate(new SecureRandom()),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                clock.instant(),
                owner,
                Optional.empty());
        shares.insert(s);
        return s;
    }

    @Test
    void upload_lands_in_the_users_space_and_answers_with_space_paths() throws Exception {
        WriteResult first = service.upload(alice, ItemPath.parse("/docs/a.txt"), bytes("one"));
        WriteResult second = service.upload(alice, ItemPath.parse("/docs/a.txt"), bytes("two!"));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.item().path()).isEqualTo(ItemPath.parse("/docs/a.txt"));
        assertThat(second.item().size()).isEqualTo(4);
        assertThat(files.content(ItemPath.parse("/users/alice/docs/a.txt"))).isEqualTo("two!");
    }

    @Test
    void users_never_see_each_others_files() throws Exception {
        service.upload(alice, ItemPath.parse("secret.txt"), bytes("x"));

        assertThatThrownBy(() -> service.stat(bob, ItemPath.parse("secret.txt")))
                .isInstanceOf(NotFoundException.class);
        assertThat(service.list(bob, ItemPath.root()).children()).isEmpty();
    }

    @Test
    void the_root_of_a_new_space_exists_and_is_empty() throws Exception {
        FolderListing listing = service.list(alice, ItemPath.root());

        assertThat(listing.folder().path()).isEqualTo(ItemPath.root());
        assertThat(listing.folder().isFolder()).isTrue();
        assertThat(listing.children()).isEmpty();
        assertThat(service.stat(bob, ItemPath.root()).isFolder()).isTrue();
    }

    @Test
    void list_translates_child_paths_and_refuses_files() throws Exception {
        service.upload(alice, ItemPath.parse("d/b.txt"), bytes("b"));
        service.makeFolder(alice, ItemPath.parse("d/a"));

        FolderListing listing = service.list(alice, ItemPath.parse("d"));

        assertThat(listing.folder().path()).isEqualTo(ItemPath.parse("/d"));
        assertThat(listing.children()).extracting(i -> i.path().toString()).containsExactly("/d/a", "/d/b.txt");
        assertThatThrownBy(() -> service.list(alice, ItemPath.parse("d/b.txt"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.list(alice, ItemPath.parse("nope"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void read_streams_a_range_with_the_space_path() throws Exception {
        service.upload(alice, ItemPath.parse("a.txt"), bytes("0123456789"));

        try (ItemContent c = service.read(alice, ItemPath.parse("a.txt"), Optional.of(new ByteRange(2, 4)))) {
            assertThat(c.item().path()).isEqualTo(ItemPath.parse("a.txt"));
            assertThat(new String(c.stream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("234");
        }
        assertThatThrownBy(() -> service.read(alice, ItemPath.parse("b.txt"), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void make_folder_reports_creation_and_conflicts() throws Exception {
        assertThat(service.makeFolder(alice, ItemPath.parse("x/y"))).isTrue();
        assertThat(service.makeFolder(alice, ItemPath.parse("x/y"))).isFalse();
        service.upload(alice, ItemPath.parse("f"), bytes("f"));
        assertThatThrownBy(() -> service.makeFolder(alice, ItemPath.parse("f"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> service.upload(alice, ItemPath.parse("x"), bytes("f")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void storage_failures_are_translated() {
        files.fail(Op.STAT, new StorageUnavailableException("down", null, Duration.ofSeconds(30)));
        assertThatThrownBy(() -> service.stat(alice, ItemPath.parse("a")))
                .isInstanceOfSatisfying(
                        UpstreamUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
        files.heal();
        files.fail(Op.WRITE, new StorageRejectedException("reserved name"));
        assertThatThrownBy(() -> service.upload(alice, ItemPath.parse("a"), bytes("x")))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("path"));
    }

    @Test
    void move_renames_within_the_space_and_answers_the_usual_refusals() throws Exception {
        service.upload(alice, ItemPath.parse("d/a.txt"), bytes("a"));

        TransferResult moved = service.move(alice, ItemPath.parse("d"), ItemPath.parse("e"), false);
        assertThat(moved.created()).isTrue();
        assertThat(moved.item().path()).isEqualTo(ItemPath.parse("e"));
        assertThat(files.exists(ItemPath.parse("/users/alice/e/a.txt"))).isTrue();
        assertThat(files.exists(ItemPath.parse("/users/alice/d"))).isFalse();

        assertThatThrownBy(() -> service.move(alice, ItemPath.parse("nothing"), ItemPath.parse("x"), false))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.move(alice, ItemPath.parse("e"), ItemPath.parse("no/parent"), false))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> service.move(alice, ItemPath.parse("e"), ItemPath.parse("e/in"), false))
                .isInstanceOf(InvalidValueException.class);
        assertThat(fence.inProgress()).isZero();
    }

    @Test
    void a_moved_item_keeps_its_links_and_those_below_it_but_a_sibling_with_a_longer_name_keeps_its_path()
            throws Exception {
        service.upload(alice, ItemPath.parse("docs/sub/a.txt"), bytes("a"));
        service.upload(alice, ItemPath.parse("docs2/b.txt"), bytes("b"));
        service.makeFolder(alice, ItemPath.parse("archive"));
        Share onFolder = share(alice, "docs", ItemType.FOLDER);
        Share onFile = share(alice, "docs/sub/a.txt", ItemType.FILE);
        Share sibling = share(alice, "docs2/b.txt", ItemType.FILE);
        Share bobs = share(bob, "docs", ItemType.FOLDER);

        service.move(alice, ItemPath.parse("docs"), ItemPath.parse("archive/2026"), false);

        assertThat(shares.findById(onFolder.id()).orElseThrow().itemPath()).isEqualTo(ItemPath.parse("archive/2026"));
        assertThat(shares.findById(onFile.id()).orElseThrow().itemPath())
                .isEqualTo(ItemPath.parse("archive/2026/sub/a.txt"));
        assertThat(shares.findById(onFile.id()).orElseThrow().token()).isEqualTo(onFile.token());
        assertThat(shares.findById(sibling.id())).contains(sibling);
        assertThat(shares.findById(bobs.id())).contains(bobs);
        assertThat(files.exists(ItemPath.parse("/users/alice/archive/2026/sub/a.txt")))
                .isTrue();
        assertThat(fence.inProgress()).isZero();
    }

    @Test
    void moving_onto_an_item_deletes_the_replaced_items_links_and_keeps_the_moved_ones() throws Exception {
        service.upload(alice, ItemPath.parse("new.txt"), bytes("new"));
        service.upload(alice, ItemPath.parse("old.txt"), bytes("old"));
        Share moving = share(alice, "new.txt", ItemType.FILE);
        share(alice, "old.txt", ItemType.FILE);

        assertThatThrownBy(() -> service.move(alice, ItemPath.parse("new.txt"), ItemPath.parse("old.txt"), false))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(shares.all()).hasSize(2);

        TransferResult moved = service.move(alice, ItemPath.parse("new.txt"), ItemPath.parse("old.txt"), true);

        assertThat(moved.created()).isFalse();
        assertThat(shares.all()).containsExactly(moving.withItemPath(ItemPath.parse("old.txt")));
        assertThat(files.content(ItemPath.parse("/users/alice/old.txt"))).isEqualTo("new");
    }

    @Test
    void when_the_links_cannot_follow_the_item_is_moved_back_and_the_links_stay_as_they_were() throws Exception {
        service.upload(alice, ItemPath.parse("d/a.txt"), bytes("a"));
        Share link = share(alice, "d/a.txt", ItemType.FILE);
        shares.failMoves(new IllegalStateException("database gone"));

        assertThatThrownBy(() -> service.move(alice, ItemPath.parse("d"), ItemPath.parse("e"), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database gone");

        assertThat(files.exists(ItemPath.parse("/users/alice/d/a.txt"))).isTrue();
        assertThat(files.exists(ItemPath.parse("/users/alice/e"))).isFalse();
        assertThat(shares.all()).containsExactly(link);
        assertThat(fence.inProgress()).isZero();

        shares.failMoves(null);
        service.move(alice, ItemPath.parse("d"), ItemPath.parse("e"), false);
        assertThat(shares.all()).containsExactly(link.withItemPath(ItemPath.parse("e/a.txt")));
    }

    @Test
    void when_the_storage_cannot_move_no_link_changes() throws Exception {
        service.upload(alice, ItemPath.parse("d/a.txt"), bytes("a"));
        Share link = share(alice, "d/a.txt", ItemType.FILE);
        files.fail(Op.MOVE, new StorageUnavailableException("down", null));

        assertThatThrownBy(() -> service.move(alice, ItemPath.parse("d"), ItemPath.parse("e"), false))
                .isInstanceOf(UpstreamUnavailableException.class);

        assertThat(shares.all()).containsExactly(link);
        assertThat(fence.inProgress()).isZero();
    }

    @Test
    void a_meeting_folder_in_a_space_and_a_folder_holding_meeting_folders_are_not_moved() throws Exception {
        FileService withRooms = new FileService(
                files, shares, fence, journal, instance, clock, Optional.of(ItemPath.parse("users/alice/meetings")));
        String room = "meetings/" + SharedFolder.folderName(RoomId.random());
        withRooms.upload(alice, ItemPath.parse(room + "/notes.txt"), bytes("n"));
        withRooms.upload(alice, ItemPath.parse("meetings/mine/x.txt"), bytes("x"));

        assertThatThrownBy(() -> withRooms.move(alice, ItemPath.parse(room), ItemPath.parse("elsewhere"), false))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> withRooms.move(alice, ItemPath.parse("meetings"), ItemPath.parse("m2"), false))
                .isInstanceOf(ForbiddenException.class);
        assertThat(files.exists(ItemPath.parse("/users/alice/" + room + "/notes.txt")))
                .isTrue();

        // what is inside a meeting folder, and the other folders beside them, move as usual
        withRooms.move(alice, ItemPath.parse(room + "/notes.txt"), ItemPath.parse(room + "/renamed.txt"), false);
        withRooms.move(alice, ItemPath.parse("meetings/mine"), ItemPath.parse("mine"), false);
        assertThat(files.exists(ItemPath.parse("/users/alice/mine/x.txt"))).isTrue();
    }

    @Test
    void copy_keeps_the_source_and_its_links_gives_the_copy_none_and_a_replaced_destination_loses_its_links()
            throws Exception {
        service.upload(alice, ItemPath.parse("src.txt"), bytes("new"));
        service.upload(alice, ItemPath.parse("dst.txt"), bytes("old"));
        Share onSource = share(alice, "src.txt", ItemType.FILE);
        share(alice, "dst.txt", ItemType.FILE);

        assertThatThrownBy(() -> service.copy(alice, ItemPath.parse("src.txt"), ItemPath.parse("dst.txt"), false))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(shares.all()).hasSize(2);

        TransferResult copied = service.copy(alice, ItemPath.parse("src.txt"), ItemPath.parse("dst.txt"), true);
        assertThat(copied.created()).isFalse();
        assertThat(shares.all()).containsExactly(onSource);
        service.copy(alice, ItemPath.parse("src.txt"), ItemPath.parse("fresh.txt"), false);
        assertThat(shares.all()).containsExactly(onSource);
        try (ItemContent c = service.read(alice, ItemPath.parse("dst.txt"), Optional.empty())) {
            assertThat(new String(c.stream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("new");
        }
        assertThat(fence.inProgress()).isZero();
    }

    @Test
    void delete_removes_the_item_and_every_share_on_it_and_below_but_no_other() throws Exception {
        service.upload(alice, ItemPath.parse("d/sub/a.txt"), bytes("a"));
        service.upload(alice, ItemPath.parse("dx/b.txt"), bytes("b"));
        share(alice, "d", ItemType.FOLDER);
        share(alice, "d/sub/a.txt", ItemType.FILE);
        Share sibling = share(alice, "dx/b.txt", ItemType.FILE);
        Share other = share(bob, "d", ItemType.FOLDER);

        assertThat(service.countSharesBelow(alice, ItemPath.parse("d"))).isEqualTo(2);
        assertThat(service.delete(alice, ItemPath.parse("d"))).isEqualTo(2);

        assertThat(files.exists(ItemPath.parse("/users/alice/d"))).isFalse();
        assertThat(shares.all()).containsExactlyInAnyOrder(sibling, other);
        assertThatThrownBy(() -> service.delete(alice, ItemPath.parse("d"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void shares_are_deleted_first_so_a_storage_failure_leaves_no_share_on_the_item() throws Exception {
        service.upload(alice, ItemPath.parse("a.txt"), bytes("a"));
        share(alice, "a.txt", ItemType.FILE);
        files.fail(Op.DELETE, new StorageUnavailableException("down", null));

        assertThatThrownBy(() -> service.delete(alice, ItemPath.parse("a.txt")))
                .isInstanceOf(UpstreamUnavailableException.class);

        assertThat(shares.size()).isZero();
        files.heal();
        service.delete(alice, ItemPath.parse("a.txt"));
        assertThat(files.exists(ItemPath.parse("/users/alice/a.txt"))).isFalse();
    }

    @Test
    void the_root_of_a_space_cannot_be_deleted_or_written() {
        assertThatThrownBy(() -> service.delete(alice, ItemPath.root()))
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("path"));
        assertThatThrownBy(() -> service.upload(alice, ItemPath.root(), bytes("x")))
                .isInstanceOf(InvalidValueException.class);
    }
}
