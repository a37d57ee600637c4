package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.room.TicketStore;
import dev.sharebridge.application.port.out.room.TicketStoreContract;
import dev.sharebridge.domain.room.RoomId;

/** The in-memory fake passes the same contract as the database store. */
class InMemoryTicketStoreTest extends TicketStoreContract {
    @Override
    protected TicketStore newStore() {
        return new InMemoryTicketStore();
    }

    @Override
    protected RoomId newRoom() {
        return RoomId.random();
    }
}
