package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.persistence.MoveJournal;
import dev.sharebridge.application.port.out.persistence.MoveJournalContract;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.room.ParticipantRegistry;

/** The in-memory journal keeps the same contract as the database's. */
class InMemoryMoveJournalTest extends MoveJournalContract {
    private InMemoryShareRepository shares;
    private InMemoryParticipantRegistry instances;
    private InMemoryMoveJournal journal;

    @Override
    protected void emptyStore() {
        shares = new InMemoryShareRepository();
        instances = new InMemoryParticipantRegistry();
        journal = new InMemoryMoveJournal(shares, instances);
    }

    @Override
    protected MoveJournal journal() {
        return journal;
    }

    @Override
    protected ShareRepository shares() {
        return shares;
    }

    @Override
    protected ParticipantRegistry instances() {
        return instances;
    }
}
