package dev.sharebridge.application.testing;

import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Users in a map, for service tests; thread-safe. */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<String, User> users = new TreeMap<>();

    @Override
    public synchronized boolean add(User user) {
        if (users.containsKey(user.id().value())) {
            return false;
        }
        if (users.values().stream().anyMatch(u -> u.tokenHash().equals(user.tokenHash()))) {
            throw new IllegalStateException("token hash already taken (user " + user.id() + ")");
        }
        users.put(user.id().value(), user);
        return true;
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id.value()));
    }

    @Override
    public synchronized Optional<User> findByTokenHash(String tokenHash) {
        return users.values().stream()
                .filter(u -> u.tokenHash().equals(tokenHash))
                .findFirst();
    }

    @Override
    public synchronized boolean replaceTokenHash(UserId id, String tokenHash) {
        User user = users.get(id.value());
        if (user == null) {
            return false;
        }
        if (users.values().stream()
                .anyMatch(u -> !u.id().equals(id) && u.tokenHash().equals(tokenHash))) {
            throw new IllegalStateException("token hash already taken (user " + id + ")");
        }
        users.put(id.value(), new User(id, tokenHash, user.createdAt()));
        return true;
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
