package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.room.ParticipantRegistry;
import dev.sharebridge.application.port.out.room.ParticipantRegistryContract;
import dev.sharebridge.domain.room.RoomId;

/** The in-memory fake passes the same contract as the database registry. */
class InMemoryParticipantRegistryTest extends ParticipantRegistryContract {
    private InMemoryParticipantRegistry registry;

    @Override
    protected ParticipantRegistry newRegistry() {
        registry = new InMemoryParticipantRegistry();
        return registry;
    }

    @Override
    protected RoomId newRoom() {
        return RoomId.random();
    }

    @Override
    protected void deleteRoom(RoomId room) {
        registry.roomDeleted(room);
    }
}
