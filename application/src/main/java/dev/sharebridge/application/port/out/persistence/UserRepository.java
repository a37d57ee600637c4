package dev.sharebridge.application.port.out.persistence;

import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Stores users and the hashes of their API tokens. */
public interface UserRepository {

    /**
     * @return false when a user with that id already exists (nothing is changed then)
     * @throws IllegalStateException when another user has the same token hash
     */
    boolean add(User user);

    Optional<User> findById(UserId id);

    /** The user whose token hashes to {@code tokenHash}. */
    Optional<User> findByTokenHash(String tokenHash);

    /**
     * Replaces the user's token hash; the old hash finds nobody from then on.
     *
     * @return false when there is no such user (nothing is changed then)
     * @throws IllegalStateException when another user has the same token hash
     */
    boolean replaceTokenHash(UserId id, String tokenHash);

    /** All users, ordered by id. */
    List<User> list();

    /** @return false when there was no such user */
    boolean remove(UserId id);
}
