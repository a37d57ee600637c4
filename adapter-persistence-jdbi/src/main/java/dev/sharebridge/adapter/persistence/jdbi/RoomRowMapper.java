package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.domain.room.Room;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Restores a {@code rooms} row. */
final class RoomRowMapper implements RowMapper<Room> {

    @Override
    public Room map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Room(
                roomId(rs.getString("id")),
                Optional.ofNullable(rs.getString("title")),
                UserId.of(rs.getString("created_by")),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    static RoomId roomId(String text) {
        return RoomId.parse(text).orElseThrow(() -> new IllegalStateException("a stored room id is malformed"));
    }
}
