package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.room.RoomMember;
import dev.sharebridge.domain.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Restores a {@code room_members} row. */
final class RoomMemberRowMapper implements RowMapper<RoomMember> {

    @Override
    public RoomMember map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new RoomMember(UserId.of(rs.getString("user_id")), rs.getBoolean("moderator"));
    }
}
