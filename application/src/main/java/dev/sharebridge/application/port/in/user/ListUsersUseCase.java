package dev.sharebridge.application.port.in.user;

import dev.sharebridge.domain.user.User;
import java.util.List;

/** Lists every user, ordered by name. */
public interface ListUsersUseCase {
    List<User> list();
}
