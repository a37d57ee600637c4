package dev.sharebridge.application.port.out.persistence;

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
