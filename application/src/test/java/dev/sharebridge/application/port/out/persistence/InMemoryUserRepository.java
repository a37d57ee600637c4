package dev.sharebridge.application.port.out.persistence;

import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link UserRepository} in memory for use-case tests; it passes {@link UserRepositoryContract}. */
public final class InMemoryUserRepository implements UserRepository {
    private final TreeMap<String, User> users = new TreeMap<>();

    @Override
    public synchronized boolean add(User user) {
        if (users.containsKey(user.id().value())) {
            return false;
        }
        if (users.values().stream().anyMatch(u -> u.tokenHash().equals(user.tokenHash()))) {
            throw new IllegalStateException("the token hash of user " + user.id() + " is already taken");
        }
        // like a database: millisecond precision
        users.put(user.id().value(), new User(user.id(), user.tokenHash(), user.createdAt().truncatedTo(ChronoUnit.MILLIS)));
        return true;
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id.value()));
    }

    @Override
    public synchronized Optional<User> findByTokenHash(String tokenHash) {
        return users.values().stream().filter(u -> u.tokenHash().equals(tokenHash)).findFirst();
    }

    @Override
    public synchronized List<User> list() {
        return List.copyOf(users.values());
    }

    @Override
    public synchronized boolean remove(UserId id) {
        return users.remove(id.value()) != null;
    }
}
