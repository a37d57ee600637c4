package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.application.port.out.persistence.UserRepositoryContract;

/** The in-memory fake keeps the same contract as the database repositories. */
class InMemoryUserRepositoryTest extends UserRepositoryContract {
    private InMemoryUserRepository users;

    @Override
    protected void emptyStore() {
        users = new InMemoryUserRepository();
    }

    @Override
    protected UserRepository users() {
        return users;
    }
}
