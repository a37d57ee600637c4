package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.UserRepository;
import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link UserRepository} on the {@code users} table. */
final class JdbiUserRepository implements UserRepository {
    private final UserSql sql;

    JdbiUserRepository(Jdbi jdbi) {
        this.sql = jdbi.onDemand(UserSql.class);
    }

    @Override
    public boolean add(User user) {
        try {
            sql.insert(user.id().value(), user.tokenHash(), Instants.toMillis(user.createdAt()));
            return true;
        } catch (RuntimeException e) {
            if (!SqlStates.isIntegrityViolation(e)) {
                throw e;
            }
            // a concurrent or earlier add of the same id is the expected case; anything else
            // (the same token hash under another name) is a real conflict
            if (sql.findById(user.id().value()).isPresent()) {
                return false;
            }
            // without the cause: the database's message quotes the duplicate hash
            throw new IllegalStateException("the token hash of user " + user.id() + " is already taken");
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return sql.findById(id.value());
    }

    @Override
    public Optional<User> findByTokenHash(String tokenHash) {
        // re-checked in Java so that a case-insensitive collation could never widen the match
        return sql.findByTokenHash(tokenHash).filter(u -> u.tokenHash().equals(tokenHash));
    }

    @Override
    public boolean replaceTokenHash(UserId id, String tokenHash) {
        try {
            return sql.updateTokenHash(id.value(), tokenHash) > 0;
        } catch (RuntimeException e) {
            if (!SqlStates.isIntegrityViolation(e)) {
                throw e;
            }
            // without the cause: the database's message quotes the duplicate hash
            throw new IllegalStateException("the new token hash of user " + id + " is already taken");
        }
    }

    @Override
    public List<User> list() {
        return sql.list();
    }

    @Override
    public boolean remove(UserId id) {
        return sql.delete(id.value()) > 0;
    }
}
