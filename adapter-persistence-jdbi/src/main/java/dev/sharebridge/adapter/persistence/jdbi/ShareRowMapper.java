package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.item.ItemType;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.LinkLimits;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.SharePermissions;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Restores a {@code shares} row; an expired or used-up share is restored as it is. Every query it
 * maps selects {@link ShareSql#COLUMNS}, so columns are read by position (a lookup by label
 * showed up as a sixth of the token lookup's time in a profile of the public open path).
 */
final class ShareRowMapper implements RowMapper<Share> {
    private static final List<String> ORDER =
            Arrays.stream(ShareSql.COLUMNS.split(",")).map(String::strip).toList();
    private static final int ID = at("id");
    private static final int ITEM_PATH = at("item_path");
    private static final int ITEM_TYPE = at("item_type");
    private static final int ROOM_ID = at("room_id");
    private static final int TOKEN = at("token");
    private static final int PASSWORD_HASH = at("password_hash");
    private static final int EXPIRES_AT = at("expires_at");
    private static final int CAN_READ = at("can_read");
    private static final int CAN_WRITE = at("can_write");
    private static final int CAN_RESHARE = at("can_reshare");
    private static final int LABEL = at("label");
    private static final int MAX_ACCESSES = at("max_accesses");
    private static final int ACCESS_COUNT = at("access_count");
    private static final int LAST_ACCESSED_AT = at("last_accessed_at");
    private static final int CREATED_AT = at("created_at");
    private static final int CREATED_BY = at("created_by");
    private static final int PARENT_ID = at("parent_id");
    private static final int MAX_UPLOAD_BYTES = at("max_upload_bytes");
    private static final int MAX_FILE_BYTES = at("max_file_bytes");

    /** The JDBC (1-based) position of {@code column} in {@link ShareSql#COLUMNS}. */
    private static int at(String column) {
        int i = ORDER.indexOf(column);
        if (i < 0) {
            throw new IllegalStateException("ShareSql.COLUMNS lacks " + column);
        }
        return i + 1;
    }

    @Override
    public Share map(ResultSet rs, StatementContext ctx) throws SQLException {
        String id = rs.getString(ID);
        return new Share(
                shareId(id),
                ItemPath.parse(rs.getString(ITEM_PATH)),
                ItemType.fromWireName(rs.getString(ITEM_TYPE)).orElseThrow(() -> corrupt(id, "item_type")),
                Optional.ofNullable(rs.getString(ROOM_ID))
                        .map(r -> RoomId.parse(r).orElseThrow(() -> corrupt(id, "room_id"))),
                // never put the stored value into the message: it is the secret
                ShareToken.parse(rs.getString(TOKEN)).orElseThrow(() -> corrupt(id, "token")),
                Optional.ofNullable(rs.getString(PASSWORD_HASH)),
                instant(rs, EXPIRES_AT),
                new SharePermissions(rs.getBoolean(CAN_READ), rs.getBoolean(CAN_WRITE), rs.getBoolean(CAN_RESHARE)),
                Optional.ofNullable(rs.getString(LABEL)),
                optionalLong(rs, MAX_ACCESSES),
                rs.getLong(ACCESS_COUNT),
                instant(rs, LAST_ACCESSED_AT),
                Instant.ofEpochMilli(rs.getLong(CREATED_AT)),
                UserId.of(rs.getString(CREATED_BY)),
                Optional.ofNullable(rs.getString(PARENT_ID)).map(ShareRowMapper::shareId),
                new LinkLimits(optionalLong(rs, MAX_UPLOAD_BYTES), optionalLong(rs, MAX_FILE_BYTES)));
    }

    private static ShareId shareId(String text) {
        return ShareId.parse(text).orElseThrow(() -> new IllegalStateException("a stored share id is malformed"));
    }

    private static IllegalStateException corrupt(String id, String column) {
        return new IllegalStateException("share " + id + " has a malformed " + column);
    }

    private static Optional<Long> optionalLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        return optionalLong(rs, column).map(Instant::ofEpochMilli);
    }
}
