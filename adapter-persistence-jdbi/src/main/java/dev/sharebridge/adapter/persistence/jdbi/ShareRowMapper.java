package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Restores a {@code shares} row; an expired or used-up share is restored as it is. */
final class ShareRowMapper implements RowMapper<Share> {

    @Override
    public Share map(ResultSet rs, StatementContext ctx) throws SQLException {
        String id = rs.getString("id");
        return new Share(
                shareId(id),
                ItemPath.parse(rs.getString("item_path")),
                ItemType.fromWireName(rs.getString("item_type"))
                        .orElseThrow(() -> corrupt(id, "item_type")),
                Optional.ofNullable(rs.getString("room_id"))
                        .map(r -> RoomId.parse(r).orElseThrow(() -> corrupt(id, "room_id"))),
                // never put the stored value into the message: it is the secret
                ShareToken.parse(rs.getString("token")).orElseThrow(() -> corrupt(id, "token")),
                Optional.ofNullable(rs.getString("password_hash")),
                instant(rs, "expires_at"),
                new SharePermissions(rs.getBoolean("can_read"), rs.getBoolean("can_write"), rs.getBoolean("can_reshare")),
                Optional.ofNullable(rs.getString("label")),
                optionalLong(rs, "max_accesses"),
                rs.getLong("access_count"),
                instant(rs, "last_accessed_at"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                UserId.of(rs.getString("created_by")),
                Optional.ofNullable(rs.getString("parent_id")).map(ShareRowMapper::shareId));
    }

    private static ShareId shareId(String text) {
        return ShareId.parse(text).orElseThrow(() -> new IllegalStateException("a stored share id is malformed"));
    }

    private static IllegalStateException corrupt(String id, String column) {
        return new IllegalStateException("share " + id + " has a malformed " + column);
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return optionalLong(rs, column).map(Instant::ofEpochMilli);
    }
}
