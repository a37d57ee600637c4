package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.domain.user.User;
import dev.sharebridge.domain.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code users} row. */
final class UserRowMapper implements RowMapper<User> {

    @Override
    public User map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new User(
                UserId.of(rs.getString("id")),
                rs.getString("token_hash"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
