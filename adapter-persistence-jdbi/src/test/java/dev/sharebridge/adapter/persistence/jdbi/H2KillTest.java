package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.persistence.DeletionFence.Scope;
import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.application.port.out.room.SharedFolderRepository.Claim;
import dev.sharebridge.application.testing.FakeSecretBox;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.user.UserId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL right after its writes returned loses none of them on the embedded
 * H2 database: every kind of write the repositories make, read back by a new process.
 */
class H2KillTest {
    @TempDir
    Path dir;

    @Test
    void everyWriteThatReturnedSurvivesAKillNine() throws Exception {
        String url = TestDatabases.h2FileUrl(dir);
        String limited = ShareId.random().toString();
        String unlimited = ShareId.random().toString();
        String doomed = ShareId.random().toString();
        RoomId room = RoomId.random();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        WritesThenWaits.class.getName(),
                        url,
                        limited,
                        unlimited,
                        doomed,
                        room.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        long shown = -1;
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && !line.equals("written"); line = lines.readLine()) {
                output.add(line);
                if (line.startsWith("shown ")) {
                    shown = Long.parseLong(line.substring(6));
                }
            }
            assertThat(child.isAlive())
                    .as("the writer got to the end: %s", output)
                    .isTrue();
            // SIGKILL: no shutdown hook, no close of the database
            child.destroyForcibly();
            // a guard against a hung child, not a speed requirement
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(shown).as("%s", output).isEqualTo(3);

        try (JdbiPersistence db = JdbiPersistence.open(url, "", "")) {
            assertThat(db.users().findById(UserId.of("alice")))
                    .as("an added user")
                    .isPresent();
            assertThat(db.users().findById(UserId.of("carol")))
                    .as("a removed user")
                    .isEmpty();
            assertThat(db.users().findById(UserId.of("bob")).orElseThrow().tokenHash())
                    .as("a renewed token")
                    .isEqualTo(WritesThenWaits.RENEWED_HASH);
            Share limitedRow =
                    db.shares().findById(ShareId.parse(limited).orElseThrow()).orElseThrow();
            assertThat(limitedRow.label()).as("an updated link").contains("changed");
            assertThat(limitedRow.accessCount())
                    .as("counted opens of a limited link")
                    .isEqualTo(3);
            assertThat(db.shares()
                            .findById(ShareId.parse(unlimited).orElseThrow())
                            .orElseThrow()
                            .accessCount())
                    .as("the count a read showed")
                    .isEqualTo(shown);
            assertThat(db.shares().findById(ShareId.parse(doomed).orElseThrow()))
                    .as("a deleted link")
                    .isEmpty();
            assertThat(db.rooms().findById(room)).as("a room").isPresent();
            assertThat(db.rooms().member(room, UserId.of("bob")))
                    .as("a member")
                    .contains(new RoomMember(UserId.of("bob"), true));
            assertThat(db.rooms().findRoomByInviteCode("invite-digest"))
                    .as("an invite code")
                    .contains(room);
            assertThat(db.sharedFolders(new FakeSecretBox())
                            .claim(room, WritesThenWaits.T0.plusSeconds(1), WritesThenWaits.T0.plusSeconds(60)))
                    .as("a folder creation claim")
                    .isInstanceOf(Claim.Busy.class);
            assertThat(db.deletionFence()
                            .watch(
                                    Scope.userSpace(UserId.of("alice")),
                                    ItemPath.parse("/docs/x"),
                                    WritesThenWaits.T0.plusSeconds(1)))
                    .as("a deletion announced on the fence")
                    .isEqualTo(Optional.empty());
        }
    }
}
