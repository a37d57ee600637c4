package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.application.port.out.persistence.ShareRepositoryContract;

/** The in-memory fake keeps the same contract as the database repositories. */
class InMemoryShareRepositoryTest extends ShareRepositoryContract {
    private InMemoryShareRepository shares;

    @Override
    protected void emptyStore() {
        shares = new InMemoryShareRepository();
    }

    @Override
    protected ShareRepository shares() {
        return shares;
    }
}
