package dev.sharebridge.application.port.out.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.room.SharedFolderRepository.Claim;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.room.SharedFolderLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SharedFolderRepository} must do; run against each implementation. */
public abstract class SharedFolderRepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00.250Z");

    protected SharedFolderRepository folders;

    /** A fresh repository and the id of a room that exists in it (rows may need a room). */
    protected abstract SharedFolderRepository newRepository();

    /** Makes a room the repository will accept rows for. */
    protected abstract RoomId newRoom();

    @BeforeEach
    public void setUpRepository() {
        folders = newRepository();
    }

    static SharedFolder folder(RoomId room) {
        return new SharedFolder(
                room,
                "local",
                ItemPath.of(SharedFolder.folderName(room)),
                new SharedFolderLink("ro-1", "https://x.example/s/ro", "Read-Pa55word-long"),
                new SharedFolderLink("rw-1", "https://x.example/s/rw", "Write-Pa55word-long"),
                T0);
    }

    @Test
    public void firstClaimIsGrantedSecondIsBusyUntilTheLeaseEnds() {
        RoomId room = newRoom();
        assertThat(folders.claim(room, T0, T0.plusSeconds(60))).isEqualTo(new Claim.Granted(false));
        assertThat(folders.claim(room, T0.plusSeconds(59), T0.plusSeconds(120)))
                .isEqualTo(new Claim.Busy(T0.plusSeconds(60)));
        assertThat(folders.claim(room, T0.plusSeconds(60), T0.plusSeconds(120))).isEqualTo(new Claim.Granted(true));
        assertThat(folders.find(room)).isEmpty();
    }

    @Test
    public void completedFolderIsReadyWithItsPasswords() {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));
        SharedFolder f = folder(room);
        folders.complete(f);
        assertThat(folders.find(room)).contains(f);
        assertThat(folders.claim(room, T0.plusSeconds(600), T0.plusSeconds(700)))
                .isEqualTo(new Claim.Ready(f));
    }

    @Test
    public void resealingCountsTheFinishedFoldersAndKeepsEachAsItWas() {
        RoomId finished = newRoom();
        folders.claim(finished, T0, T0.plusSeconds(60));
        folders.complete(folder(finished));
        RoomId creating = newRoom();
        folders.claim(creating, T0, T0.plusSeconds(60));

        assertThat(folders.resealPasswords()).isEqualTo(new SharedFolderRepository.Resealed(1, 0));
        assertThat(folders.find(finished)).contains(folder(finished));
        assertThat(folders.claim(creating, T0.plusSeconds(1), T0.plusSeconds(61)))
                .isEqualTo(new Claim.Busy(T0.plusSeconds(60)));
    }

    @Test
    public void releaseLetsTheNextCallerClaim() {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));
        folders.release(room);
        assertThat(folders.claim(room, T0.plusSeconds(1), T0.plusSeconds(61))).isEqualTo(new Claim.Granted(false));
    }

    @Test
    public void releaseNeverRemovesAFinishedFolder() {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));
        folders.complete(folder(room));
        folders.release(room);
        assertThat(folders.find(room)).isPresent();
    }

    @Test
    public void deleteRemovesAnyRow() {
        RoomId room = newRoom();
        assertThat(folders.delete(room)).isFalse();
        folders.claim(room, T0, T0.plusSeconds(60));
        folders.complete(folder(room));
        assertThat(folders.delete(room)).isTrue();
        assertThat(folders.find(room)).isEmpty();
    }

    @Test
    public void concurrentClaimsGrantExactlyOne() throws Exception {
        RoomId room = newRoom();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Claim>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(() -> folders.claim(room, T0, T0.plusSeconds(60)));
            }
            long granted = 0;
            for (Future<Claim> f : pool.invokeAll(calls)) {
                if (f.get() instanceof Claim.Granted) {
                    granted++;
                }
            }
            assertThat(granted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
