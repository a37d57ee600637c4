package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.persistence.DeletionFence;
import dev.sharebridge.application.port.out.persistence.DeletionFenceContract;
import dev.sharebridge.application.port.out.persistence.ShareRepository;

/** The in-memory fence keeps the same contract as the database's. */
class InMemoryDeletionFenceTest extends DeletionFenceContract {
    private InMemoryShareRepository shares;
    private InMemoryDeletionFence fence;

    @Override
    protected void emptyStore() {
        shares = new InMemoryShareRepository();
        fence = new InMemoryDeletionFence(shares);
    }

    @Override
    protected DeletionFence fence() {
        return fence;
    }

    @Override
    protected ShareRepository shares() {
        return shares;
    }
}
