package dev.sharebridge.adapter.persistence.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepository.Claim;
import dev.sharebridge.domain.room.RoomId;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SharedFolderRepository contract on PostgreSQL, in a schema of this class's own, and the
 * claim race between two server instances (two connection pools) on that one database.
 */
class PostgresSharedFolderRepositoryTest extends JdbiSharedFolderRepositoryTests {
    private static PostgresSchema schema;
    private static JdbiPersistence db;
    private static JdbiPersistence secondServer;

    @BeforeAll
    static void open() throws SQLException {
        schema = PostgresSchema.create();
        db = schema.open();
        secondServer = schema.open();
    }

    @AfterAll
    static void close() throws SQLException {
        if (secondServer != null) {
            secondServer.close();
        }
        if (db != null) {
            db.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    JdbiPersistence db() {
        return db;
    }

    @Test
    void twoServerInstancesRacingForOneRoomGrantExactlyOne() throws Exception {
        RoomId room = newRoom();
        List<SharedFolderRepository> servers = List.of(folders, secondServer.sharedFolders(box));

        List<Claim> claims = ClaimRace.run(servers, 16, room, T0, T0.plusSeconds(60));

        assertThat(claims).filteredOn(c -> c instanceof Claim.Granted).containsExactly(new Claim.Granted(false));
        assertThat(claims)
                .filteredOn(c -> !(c instanceof Claim.Granted))
                .hasSize(15)
                .containsOnly(new Claim.Busy(T0.plusSeconds(60)));
    }

    @Test
    void twoServerInstancesRacingForAnExpiredClaimGrantExactlyOne() throws Exception {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));
        List<SharedFolderRepository> servers = List.of(folders, secondServer.sharedFolders(box));

        List<Claim> claims = ClaimRace.run(servers, 16, room, T0.plusSeconds(61), T0.plusSeconds(121));

        assertThat(claims).filteredOn(c -> c instanceof Claim.Granted).containsExactly(new Claim.Granted(true));
        assertThat(claims)
                .filteredOn(c -> !(c instanceof Claim.Granted))
                .hasSize(15)
                .containsOnly(new Claim.Busy(T0.plusSeconds(121)));
    }

    @Test
    void theOtherInstanceSeesTheFinishedFolder() {
        RoomId room = newRoom();
        folders.claim(room, T0, T0.plusSeconds(60));
        folders.complete(secretFolder(room));

        assertThat(secondServer.sharedFolders(box).claim(room, T0.plusSeconds(1), T0.plusSeconds(61)))
                .isEqualTo(new Claim.Ready(secretFolder(room)));
    }
}
