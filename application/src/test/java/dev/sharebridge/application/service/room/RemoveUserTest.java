package dev.sharebridge.application.service.room;

import static dev.sharebridge.application.service.room.RoomFixture.BOB;
import static dev.sharebridge.application.service.room.RoomFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sharebridge.application.error.NotFoundException;
import dev.sharebridge.application.error.UpstreamUnavailableException;
import dev.sharebridge.application.port.in.room.Admission;
import dev.sharebridge.application.service.user.RemoveUserService;
import dev.sharebridge.application.service.user.UserService;
import dev.sharebridge.application.testing.InMemoryStorageProvider;
import dev.sharebridge.application.testing.InMemoryStorageProvider.Op;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.SharedFolder;
import dev.sharebridge.domain.storage.StorageUnavailableException;
import dev.sharebridge.domain.user.UserId;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Removing a user leaves none of their rooms, folders or invitations behind. */
class RemoveUserTest {

    @Test
    void ownedRoomsGoWithTheirFoldersAndInvitationsEnd() throws Exception {
        InMemoryStorageProvider storage = new InMemoryStorageProvider(java.time.Clock.systemUTC());
        RoomFixture f = new RoomFixture(storage, Optional.empty());
        UserService users = new UserService(f.users, f.shares, storage, f.fence, f.clock, new SecureRandom());
        RemoveUserService removal = new RemoveUserService(users, f.roomService);

        Room olgas = f.roomService.create(OWNER, Optional.of("Olga's"));
        f.invitations.invite(OWNER, olgas.id(), BOB);
        f.sharedFolders.put(OWNER, olgas.id());
        Room bobs = f.roomService.create(BOB, Optional.of("Bob's"));
        f.invitations.invite(BOB, bobs.id(), OWNER);
        Admission bobInOlgas =
                f.meetings.redeem(f.meetings.start(BOB, olgas.id()).value());
        f.meetings.enter(bobInOlgas.participant());

        removal.remove(OWNER);

        assertThat(f.rooms.findById(olgas.id())).isEmpty();
        assertThat(storage.exists(ItemPath.of(SharedFolder.folderName(olgas.id()))))
                .isFalse();
        assertThat(f.shares.all()).isEmpty();
        assertThat(f.folders.hasRow(olgas.id())).isFalse();
        assertThat(f.publisher.wasDisconnected(bobInOlgas.participant())).isTrue();
        assertThat(f.rooms.member(bobs.id(), OWNER)).isEmpty();
        assertThat(f.rooms.findById(bobs.id())).isPresent();
        assertThat(f.users.findById(OWNER)).isEmpty();
        assertThatThrownBy(() -> removal.remove(OWNER)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> removal.remove(UserId.of("nobody"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aStorageFailureKeepsTheUserAndTheirRoomSoARetryFinishes() throws Exception {
        InMemoryStorageProvider storage = new InMemoryStorageProvider(java.time.Clock.systemUTC());
        RoomFixture f = new RoomFixture(storage, Optional.empty());
        UserService users = new UserService(f.users, f.shares, storage, f.fence, f.clock, new SecureRandom());
        RemoveUserService removal = new RemoveUserService(users, f.roomService);
        Room room = f.roomService.create(OWNER, Optional.empty());
        f.sharedFolders.put(OWNER, room.id());

        storage.fail(Op.DELETE, new StorageUnavailableException("down", null));
        assertThatThrownBy(() -> removal.remove(OWNER)).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(f.users.findById(OWNER)).isPresent();
        assertThat(f.rooms.findById(room.id())).isPresent();

        storage.heal();
        removal.remove(OWNER);
        assertThat(f.users.findById(OWNER)).isEmpty();
        assertThat(f.rooms.findById(room.id())).isEmpty();
    }
}
