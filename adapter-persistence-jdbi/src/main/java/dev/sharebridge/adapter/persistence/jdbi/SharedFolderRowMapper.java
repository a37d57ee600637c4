package dev.sharebridge.adapter.persistence.jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Reads a {@code shared_folders} row without opening its sealed passwords. */
final class SharedFolderRowMapper implements RowMapper<SharedFolderRow> {

    @Override
    public SharedFolderRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        long leaseUntil = rs.getLong("lease_until");
        Long lease = rs.wasNull() ? null : leaseUntil;
        return new SharedFolderRow(
                rs.getString("room_id"),
                rs.getString("state"),
                lease,
                rs.getString("provider"),
                rs.getString("folder"),
                rs.getString("read_link_id"),
                rs.getString("read_url"),
                rs.getString("read_password_sealed"),
                rs.getString("rw_link_id"),
                rs.getString("rw_url"),
                rs.getString("rw_password_sealed"),
                rs.getLong("created_at"));
    }
}
