package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.room.SharedFolderRepository;
import dev.sharebridge.application.port.out.room.SharedFolderRepositoryContract;
import dev.sharebridge.domain.room.RoomId;

/** The in-memory fake passes the same contract as the database repository. */
class InMemorySharedFolderRepositoryTest extends SharedFolderRepositoryContract {
    @Override
    protected SharedFolderRepository newRepository() {
        return new InMemorySharedFolderRepository();
    }

    @Override
    protected RoomId newRoom() {
        return RoomId.random();
    }
}
