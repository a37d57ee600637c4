package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.time.Instant;

/**
 * What the CLI does, run as a separate JVM by {@link H2PersistenceTest}: open the database the
 * test process holds open, add a user, and print every user's name.
 */
public final class SecondProcess {
    private SecondProcess() {}

    public static void main(String[] args) {
        try (JdbiPersistence db = JdbiPersistence.open(args[0], "", "")) {
            db.users().add(new User(UserId.of(args[1]), "f".repeat(64), Instant.ofEpochMilli(1_000)));
            for (User u : db.users().list()) {
                System.out.println("user " + u.id());
            }
        }
    }
}
