package dev.sharebridge.application.service.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.persistence.MoveJournal.Move;
import dev.sharebridge.application.port.out.room.InstanceId;
import dev.sharebridge.application.testing.InMemoryDeletionFence;
import dev.sharebridge.application.testing.InMemoryMoveJournal;
import dev.sharebridge.application.testing.InMemoryParticipantRegistry;
import dev.sharebridge.application.testing.InMemoryShareRepository;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryStorageProvider.Op;
import dev.sharebridge.application.testing.MutableClock;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.user.UserId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A process killed between the storage move and the commit of the links' new paths: the record it
 * left in the journal lets another instance (or the same server started anew, under a new id)
 * finish the move, or drop it when the move never happened.
 */
class InterruptedMovesTest {
    private static final Duration LEASE = Duration.ofSeconds(8);

    private final MutableClock clock = MutableClock.at("2026-01-01T10:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final InMemoryShareRepository shares = new InMemoryShareRepository();
    private final InMemoryStorageProvider files = new InMemoryStorageProvider(clock);
    private final InMemoryDeletionFence fence = new InMemoryDeletionFence(shares);
    private final InMemoryParticipantRegistry instances = new InMemoryParticipantRegistry();
    private final InMemoryMoveJournal journal = new InMemoryMoveJournal(shares, instances);
    private final UserId alice = UserId.of("alice");

    /** What the process does when it dies: nothing after it runs, no catch block, no finally that matters. */
    private static final class ProcessDied extends Error {
        private static final long serialVersionUID = 1L;

        ProcessDied() {
            super("kill -9");
        }
    }

    /** The journal of a process that dies right before it would commit the links' new paths. */
    private final class DiesBeforeFinish implements MoveJournal {
        private final Runnable lastWish;

        DiesBeforeFinish(Runnable lastWish) {
            this.lastWish = lastWish;
        }

        @Override
        public void begin(Move move) {
            journal.begin(move);
        }

        @Override
        public int finish(Move move) {
            lastWish.run();
            throw new ProcessDied();
        }

        @Override
        public void end(Move move) {
            journal.end(move);
        }

        @Override
        public void release(Move move) {
            journal.release(move);
        }

        @Override
        public List<Move> leftovers(InstanceId self, Instant now, int limit) {
            return journal.leftovers(self, now, limit);
        }

        @Override
        public Optional<Move> takeOver(Move move, InstanceId self, Instant now) {
            return journal.takeOver(move, self, now);
        }
    }

    private InstanceId start() {
        InstanceId id = InstanceId.random(random);
        instances.join(id, clock.instant(), clock.instant().plus(LEASE));
        return id;
    }

    private InterruptedMoves recovery(InstanceId self) {
        return new InterruptedMoves(files, journal, self, clock);
    }

    private Share share(String path, ItemType type) {
        Share s = Share.create(
                ShareId.random(),
                ItemPath.parse(path),
                type,
                Optional.empty(),
                ShareToken.generate(random),
                Optional.empty(),
                Optional.empty(),
                SharePermissions.DEFAULT,
                Optional.empty(),
                Optional.empty(),
                clock.instant(),
                alice,
                Optional.empty());
        shares.insert(s);
        return s;
    }

    private void upload(String path) throws Exception {
        new FileService(files, shares, fence, journal, start(), clock)
                .upload(alice, ItemPath.parse(path), new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
    }

    private ItemPath pathOf(Share s) {
        return shares.findById(s.id()).orElseThrow().itemPath();
    }

    @Test
    void a_move_killed_after_the_storage_move_is_finished_by_another_instance_once_the_first_one_is_gone()
            throws Exception {
        upload("docs/sub/a.txt");
        Share onFolder = share("docs", ItemType.FOLDER);
        Share onFile = share("docs/sub/a.txt", ItemType.FILE);
        InstanceId first = start();
        InstanceId second = start();
        FileService dying = new FileService(files, shares, fence, new DiesBeforeFinish(() -> {}), first, clock);

        assertThatThrownBy(() -> dying.move(alice, ItemPath.parse("docs"), ItemPath.parse("archive"), false))
                .isInstanceOf(ProcessDied.class);

        // the item moved, the links did not: what a kill -9 at that moment leaves
        assertThat(files.exists(ItemPath.parse("/users/alice/archive/sub/a.txt")))
                .isTrue();
        assertThat(files.exists(ItemPath.parse("/users/alice/docs"))).isFalse();
        assertThat(pathOf(onFolder)).isEqualTo(ItemPath.parse("docs"));
        assertThat(journal.records()).hasSize(1);

        // while the first instance's lease runs, its move may still be under way: left alone
        assertThat(recovery(second).finishLeftovers()).isZero();
        assertThat(pathOf(onFolder)).isEqualTo(ItemPath.parse("docs"));

        clock.advance(LEASE);
        instances.renew(second, clock.instant().plus(LEASE));
        assertThat(recovery(second).finishLeftovers()).isEqualTo(1);

        assertThat(pathOf(onFolder)).isEqualTo(ItemPath.parse("archive"));
        assertThat(pathOf(onFile)).isEqualTo(ItemPath.parse("archive/sub/a.txt"));
        assertThat(journal.records()).isEmpty();
        assertThat(recovery(second).finishLeftovers()).isZero();
    }

    @Test
    void the_same_server_started_anew_finishes_its_own_leftover() throws Exception {
        upload("a.txt");
        Share link = share("a.txt", ItemType.FILE);
        InstanceId before = start();
        FileService dying = new FileService(files, shares, fence, new DiesBeforeFinish(() -> {}), before, clock);
        assertThatThrownBy(() -> dying.move(alice, ItemPath.parse("a.txt"), ItemPath.parse("b.txt"), false))
                .isInstanceOf(ProcessDied.class);

        // restarted after the old lease ran out (a power cut): a new id, the start-up run finishes it
        clock.advance(LEASE.plusSeconds(1));
        InstanceId after = start();
        assertThat(recovery(after).finishLeftovers()).isEqualTo(1);

        assertThat(pathOf(link)).isEqualTo(ItemPath.parse("b.txt"));
        assertThat(journal.records()).isEmpty();
    }

    @Test
    void a_move_killed_before_the_storage_moved_the_item_is_dropped_and_the_links_stay() throws Exception {
        upload("docs/a.txt");
        Share link = share("docs", ItemType.FOLDER);
        // the record written, then the process died before the storage call
        journal.begin(Move.start(
                alice,
                ItemPath.parse("docs"),
                ItemPath.parse("elsewhere"),
                InstanceId.random(random),
                clock.instant()));

        assertThat(recovery(start()).finishLeftovers()).isEqualTo(1);

        assertThat(pathOf(link)).isEqualTo(ItemPath.parse("docs"));
        assertThat(journal.records()).isEmpty();
    }

    @Test
    void items_at_both_paths_or_at_neither_keep_the_links_where_they_are() throws Exception {
        upload("both/a.txt");
        upload("other/b.txt");
        Share onBoth = share("both", ItemType.FOLDER);
        Share onNeither = share("gone", ItemType.FOLDER);
        InstanceId dead = InstanceId.random(random);
        journal.begin(Move.start(alice, ItemPath.parse("both"), ItemPath.parse("other"), dead, clock.instant()));
        journal.begin(Move.start(alice, ItemPath.parse("gone"), ItemPath.parse("nowhere"), dead, clock.instant()));

        assertThat(recovery(start()).finishLeftovers()).isEqualTo(2);

        assertThat(pathOf(onBoth)).isEqualTo(ItemPath.parse("both"));
        assertThat(pathOf(onNeither)).isEqualTo(ItemPath.parse("gone"));
        assertThat(journal.records()).isEmpty();
    }

    @Test
    void a_storage_that_cannot_be_asked_leaves_the_record_for_the_next_run() throws Exception {
        upload("a.txt");
        files.move(ItemPath.parse("/users/alice/a.txt"), ItemPath.parse("/users/alice/b.txt"), false);
        Share link = share("a.txt", ItemType.FILE);
        journal.begin(Move.start(
                alice, ItemPath.parse("a.txt"), ItemPath.parse("b.txt"), InstanceId.random(random), clock.instant()));
        InterruptedMoves live = recovery(start());

        files.fail(Op.STAT, new StorageUnavailableException("down", null));
        assertThat(live.finishLeftovers()).isEqualTo(1);
        assertThat(pathOf(link)).isEqualTo(ItemPath.parse("a.txt"));
        assertThat(journal.records())
                .singleElement()
                .satisfies(m -> assertThat(m.instance()).isEmpty());

        files.heal();
        assertThat(live.finishLeftovers()).isEqualTo(1);
        assertThat(pathOf(link)).isEqualTo(ItemPath.parse("b.txt"));
        assertThat(journal.records()).isEmpty();
    }

    @Test
    void when_the_links_cannot_follow_and_the_item_cannot_go_back_the_next_run_makes_the_links_follow()
            throws Exception {
        upload("d/a.txt");
        Share link = share("d/a.txt", ItemType.FILE);
        InstanceId self = start();
        MoveJournal failing = new DiesBeforeFinish(() -> {
            files.fail(Op.MOVE, new StorageUnavailableException("down", null));
            throw new IllegalStateException("database gone");
        });
        FileService service = new FileService(files, shares, fence, failing, self, clock);

        assertThatThrownBy(() -> service.move(alice, ItemPath.parse("d"), ItemPath.parse("e"), false))
                .isInstanceOf(IllegalStateException.class);
        assertThat(files.exists(ItemPath.parse("/users/alice/e/a.txt"))).isTrue();
        assertThat(pathOf(link)).isEqualTo(ItemPath.parse("d/a.txt"));

        // released: this very instance (still live) finishes it at its next run
        files.heal();
        assertThat(recovery(self).finishLeftovers()).isEqualTo(1);
        assertThat(pathOf(link)).isEqualTo(ItemPath.parse("e/a.txt"));
        assertThat(journal.records()).isEmpty();
    }

    @Test
    void a_storage_failure_of_unknown_outcome_is_settled_by_the_next_run_and_a_refusal_leaves_no_record()
            throws Exception {
        upload("d/a.txt");
        upload("x.txt");
        Share link = share("d/a.txt", ItemType.FILE);
        InstanceId self = start();
        FileService service = new FileService(files, shares, fence, journal, self, clock);

        assertThatThrownBy(() -> service.move(alice, ItemPath.parse("d"), ItemPath.parse("x.txt"), false))
                .isInstanceOf(dev.sharebridge.application.error.PreconditionFailedException.class);
        assertThat(journal.records()).isEmpty();

        files.fail(Op.MOVE, new StorageUnavailableException("timeout", null));
        assertThatThrownBy(() -> service.move(alice, ItemPath.parse("d"), ItemPath.parse("e"), false))
                .isInstanceOf(UpstreamUnavailableException.class);
        assertThat(journal.records())
                .singleElement()
                .satisfies(m -> assertThat(m.instance()).isEmpty());

        files.heal();
        assertThat(recovery(self).finishLeftovers()).isEqualTo(1);
        assertThat(pathOf(link)).isEqualTo(ItemPath.parse("d/a.txt"));
        assertThat(journal.records()).isEmpty();
    }

    @Test
    void a_finished_move_leaves_no_record() throws Exception {
        upload("d/a.txt");
        Share link = share("d", ItemType.FOLDER);
        new FileService(files, shares, fence, journal, start(), clock)
                .move(alice, ItemPath.parse("d"), ItemPath.parse("e"), false);
        assertThat(pathOf(link)).isEqualTo(ItemPath.parse("e"));
        assertThat(journal.records()).isEmpty();
    }
}
