package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.room.RoomRepository;
import dev.sharebridge.application.port.out.room.RoomRepositoryContract;

/** The in-memory fake passes the same contract as the database repository. */
class InMemoryRoomRepositoryTest extends RoomRepositoryContract {
    @Override
    protected RoomRepository newRepository() {
        return new InMemoryRoomRepository();
    }
}
