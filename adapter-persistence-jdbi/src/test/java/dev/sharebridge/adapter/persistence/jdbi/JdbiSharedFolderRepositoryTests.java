package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository.Claim;
import dev.sharebridge.application.port.out.room.SharedFolderRepositoryContract;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.room.SharedFolderLink;
import dev.sharebridge.domain.user.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SharedFolderRepository contract plus what only a database can get wrong; one subclass per database. */
abstract class JdbiSharedFolderRepositoryTests extends SharedFolderRepositoryContract {
    static final String READ_PASSWORD = "Read-Secret-9f2c-long";
    static final String WRITE_PASSWORD = "Write-Secret-4b7e-long";

    /** Reversible but authenticated: enough to tell a sealed column from a plain one. */
    final FakeSecretBox box = new FakeSecretBox();

    /** The open database of the subclass. */
    abstract JdbiPersistence db();

    @Override
    protected SharedFolderRepository newRepository() {
        TestDatabases.empty(db());
        return db().sharedFolders(box);
    }

    @Override
    protected RoomId newRoom() {
        Room room = new Room(RoomId.random(), Optional.of("Weekly sync"), UserId.of("alice"), T0);
        db().rooms().insert(room);
        return room.id();
    }

    static SharedFolder secretFolder(RoomId room) {
        return new SharedFolder(
                room,
                "nextcloud",
                ItemPath.of(SharedFolder.folderName(room)),
                new SharedFolderLink("17", "https://cloud.example/s/aaa", READ_PASSWORD),
                new SharedFolderLink("18", "https://cloud.example/s/bbb", WRITE_PASSWORD),
                T0);
    }

    @Test
    void theTableHoldsNoPlainPassword() {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));
        folders.complete(secretFolder(room));

        Map<String, Object> row = db().jdbi()
                .withHandle(h -> h.createQuery("SELECT * FROM shared_folders WHERE room_id = :room")
                        .bind("room", room.toString())
                        .mapToMap()
                        .one());
        assertThat(row.values())
                .allSatisfy(value -> assertThat(String.valueOf(value))
                        .doesNotContain(READ_PASSWORD)
                        .doesNotContain(WRITE_PASSWORD));
        // the columns hold what the box sealed, so it is the box's key that protects them
        assertThat(box.open((String) row.get("read_password_sealed"))).isEqualTo(READ_PASSWORD);
        assertThat(box.open((String) row.get("rw_password_sealed"))).isEqualTo(WRITE_PASSWORD);
        assertThat(folders.find(room)).contains(secretFolder(room));
    }

    @Test
    void passwordsSealedWithAnotherKeyDoNotOpen() {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));
        folders.complete(secretFolder(room));
        SharedFolderRepository otherKey = db().sharedFolders(new FakeSecretBox("another-server-key"));

        assertThatThrownBy(() -> otherKey.find(room))
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(READ_PASSWORD, WRITE_PASSWORD));
    }

    /** Key A is replaced by B: B with A as previous key opens, re-seals, and then B alone opens. */
    @Test
    void resealingMovesEveryPasswordToTheCurrentKeyOnceAndForAll() {
        FakeSecretBox a = new FakeSecretBox("key-a");
        SharedFolderRepository underA = db().sharedFolders(a);
        RoomId first = newRoom();
        RoomId second = newRoom();
        for (RoomId room : List.of(first, second)) {
            underA.claim(room, T0, T0.plusSeconds(60));
            underA.complete(secretFolder(room));
        }
        FakeSecretBox b = new FakeSecretBox("key-b", "key-a");
        SharedFolderRepository rotating = db().sharedFolders(b);
        SharedFolderRepository underBAlone = db().sharedFolders(new FakeSecretBox("key-b"));

        assertThat(rotating.find(first)).contains(secretFolder(first));
        assertThatThrownBy(() -> underBAlone.find(first)).isInstanceOf(IllegalStateException.class);
        assertThat(rotating.resealPasswords()).isEqualTo(new SharedFolderRepository.Resealed(2, 2));
        assertThat(rotating.resealPasswords()).as("a second run").isEqualTo(new SharedFolderRepository.Resealed(2, 0));

        assertThat(underBAlone.find(first)).contains(secretFolder(first));
        assertThat(underBAlone.find(second)).contains(secretFolder(second));
        assertThat(sealedColumns())
                .allSatisfy(value -> assertThat(b.isSealedWithCurrentKey(value)).isTrue());
    }

    @Test
    void aPasswordNoConfiguredKeyOpensStopsTheResealAndChangesNothing() {
        RoomId lost = newRoom();
        SharedFolderRepository underC = db().sharedFolders(new FakeSecretBox("key-c"));
        underC.claim(lost, T0, T0.plusSeconds(60));
        underC.complete(secretFolder(lost));
        RoomId kept = newRoom();
        folders.claim(kept, T0, T0.plusSeconds(60));
        folders.complete(secretFolder(kept));
        List<String> before = sealedColumns();

        SharedFolderRepository rotating = db().sharedFolders(new FakeSecretBox("key-b", FakeSecretBox.DEFAULT_KEY));
        assertThatThrownBy(rotating::resealPasswords)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(lost.toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(READ_PASSWORD, WRITE_PASSWORD));

        assertThat(sealedColumns()).isEqualTo(before);
    }

    private List<String> sealedColumns() {
        return db()
                .jdbi()
                .withHandle(h -> h.createQuery("""
                SELECT read_password_sealed, rw_password_sealed FROM shared_folders
                 WHERE state = 'ready' ORDER BY room_id
                """)
                        .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2)))
                        .list())
                .stream()
                .flatMap(List::stream)
                .toList();
    }

    @Test
    void deletingTheRoomRemovesItsFolder() {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));
        folders.complete(secretFolder(room));

        assertThat(db().rooms().delete(room)).isTrue();

        assertThat(folders.find(room)).isEmpty();
        assertThat(folders.delete(room)).isFalse();
    }

    @Test
    void aMissingRoomCannotBeClaimed() {
        RoomId missing = RoomId.random();

        assertThatThrownBy(() -> folders.claim(missing, T0, T0.plusSeconds(60)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(folders.delete(missing)).isFalse();
    }

    @Test
    void completingWithoutAClaimIsRefused() {
        RoomId room = newRoom();

        assertThatThrownBy(() -> folders.complete(secretFolder(room))).isInstanceOf(IllegalStateException.class);
        assertThat(folders.find(room)).isEmpty();
    }

    @Test
    void aFinishedFolderIsNotCompletedTwice() {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));
        folders.complete(secretFolder(room));

        assertThatThrownBy(() -> folders.complete(folder(room))).isInstanceOf(IllegalStateException.class);
        assertThat(folders.find(room)).contains(secretFolder(room));
    }

    @Test
    void anExpiredClaimIsTakenOverByExactlyOneOfManyCallers() throws Exception {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));

        List<Claim> claims = ClaimRace.run(List.of(folders), 8, room, T0.plusSeconds(90), T0.plusSeconds(150));

        assertThat(claims).filteredOn(c -> c instanceof Claim.Granted).containsExactly(new Claim.Granted(true));
        assertThat(claims)
                .filteredOn(c -> !(c instanceof Claim.Granted))
                .hasSize(7)
                .containsOnly(new Claim.Busy(T0.plusSeconds(150)));
    }

    private static SharedFolder folder(RoomId room) {
        return new SharedFolder(
                room,
                "local",
                ItemPath.of(SharedFolder.folderName(room)),
                new SharedFolderLink("a", "https://x.example/a", "Another-Pa55word"),
                new SharedFolderLink("b", "https://x.example/b", "Another-Pa55word-2"),
                T0);
    }
}
