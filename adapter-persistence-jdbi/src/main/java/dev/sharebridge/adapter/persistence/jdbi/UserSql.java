package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.domain.user.User;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The SQL of {@link JdbiUserRepository}; portable between H2 and PostgreSQL. Rows map with {@link UserRowMapper}. */
interface UserSql {

    @SqlUpdate("""
            INSERT INTO users (id, token_hash, created_at)
            VALUES (:id, :tokenHash, :createdAt)
            """)
    int insert(@Bind("id") String id, @Bind("tokenHash") String tokenHash, @Bind("createdAt") long createdAt);

    @SqlQuery("""
            SELECT id, token_hash, created_at
              FROM users
             WHERE id = :id
            """)
    Optional<User> findById(@Bind("id") String id);

    @SqlQuery("""
            SELECT id, token_hash, created_at
              FROM users
             WHERE token_hash = :tokenHash
            """)
    Optional<User> findByTokenHash(@Bind("tokenHash") String tokenHash);

    @SqlQuery("""
            SELECT id, token_hash, created_at
              FROM users
             ORDER BY id
            """)
    List<User> list();

    @SqlUpdate("""
            UPDATE users
               SET token_hash = :tokenHash
             WHERE id = :id
            """)
    int updateTokenHash(@Bind("id") String id, @Bind("tokenHash") String tokenHash);

    @SqlUpdate("""
            DELETE FROM users
             WHERE id = :id
            """)
    int delete(@Bind("id") String id);
}
