package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.CountedAccesses;
import dev.sharebridge.application.port.out.persistence.SharePage;
import dev.sharebridge.application.port.out.persistence.ShareRepository;
import dev.sharebridge.domain.Field;
import dev.sharebridge.domain.InvalidValueException;
import dev.sharebridge.domain.item.ItemPath;
import dev.sharebridge.domain.room.RoomId;
import dev.sharebridge.domain.share.LinkChain;
import dev.sharebridge.domain.share.Share;
import dev.sharebridge.domain.share.ShareId;
import dev.sharebridge.domain.share.ShareToken;
import dev.sharebridge.domain.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ShareRepository} on the {@code shares} table: it only translates between the port and
 * the SQL of {@link ShareSql}. What makes the public open path fast lives in front of it, in
 * decorators of the port ({@code application.counting.BatchedAccessCounts} counts the opens of
 * unlimited links in memory and hands them to {@link #addAccesses}; {@code
 * application.cache.RecentShareReads} keeps rows by token); here, only the choice of plain JDBC
 * for the statements that run on every open.
 */
final class JdbiShareRepository implements ShareRepository {
    private static final ShareRowMapper ROWS = new ShareRowMapper();

    private final DataSource dataSource;
    private final DurableCommits commits;
    private final ShareSql sql;

    /**
     * @param dataSource the pool behind {@code jdbi}, for the statements run in plain JDBC (see
     *     {@link ShareSql})
     * @param commits what the plain JDBC writes wait for before they return
     */
    JdbiShareRepository(Jdbi jdbi, DataSource dataSource, DurableCommits commits) {
        this.dataSource = dataSource;
        this.commits = commits;
        this.sql = jdbi.onDemand(ShareSql.class);
    }

    @Override
    public void insert(Share share) {
        insert(sql, share);
    }

    /** The one INSERT of a share, also run inside the deletion fence's transaction. */
    static void insert(ShareSql sql, Share share) {
        try {
            sql.insert(
                    share.id().toString(),
                    share.itemPath().toString(),
                    share.itemType().wireName(),
                    share.roomId().map(RoomId::toString).orElse(null),
                    share.token().value(),
                    share.passwordHash().orElse(null),
                    Instants.toMillis(share.expiresAt()),
                    share.permissions().read(),
                    share.permissions().write(),
                    share.permissions().reshare(),
                    share.label().orElse(null),
                    share.maxAccesses().orElse(null),
                    share.accessCount(),
                    Instants.toMillis(share.lastAccessedAt()),
                    Instants.toMillis(share.createdAt()),
                    share.createdBy().value(),
                    share.parentId().map(ShareId::toString).orElse(null));
        } catch (RuntimeException e) {
            if (SqlStates.isIntegrityViolation(e)) {
                // without the cause: both databases quote the duplicate value, which may be the token
                throw new IllegalStateException("share " + share.id()
                        + " conflicts with a stored share (id or token taken) or its parent is gone");
            }
            throw e;
        }
    }

    @Override
    public Optional<Share> findById(ShareId id) {
        return sql.findById(id.toString());
    }

    /** One recursive query: the open path of a reshared link asks on every request. */
    @Override
    public List<Share> findAncestors(Share link) {
        if (link.parentId().isEmpty()) {
            return List.of();
        }
        return sql.findAncestors(link.parentId().get().toString(), LinkChain.MAX_LENGTH - 1);
    }

    /**
     * On every public request (unless a decorator kept the row), so in plain JDBC: under load,
     * Jdbi's per-statement work (handle, SQL parsing, argument binding, result iteration) cost as
     * much CPU as H2's own lookup.
     */
    @Override
    public Optional<Share> findByToken(ShareToken token) {
        Optional<Share> found;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ShareSql.BY_TOKEN)) {
            ps.setString(1, token.value());
            try (ResultSet rs = ps.executeQuery()) {
                found = rs.next() ? Optional.of(ROWS.map(rs, null)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("looking up a share by token failed", e);
        }
        // re-checked in Java so that a case-insensitive collation could never widen the match
        return found.filter(s -> s.token().equals(token));
    }

    @Override
    public SharePage listByOwner(UserId owner, Optional<ItemPath> item, int limit, Optional<String> cursor) {
        if (limit < 1) {
            throw new InvalidValueException(Field.LIMIT, "{field} must be at least 1");
        }
        ShareCursor after = cursor.map(ShareCursor::decode).orElse(ShareCursor.START);
        // one row more than asked tells whether another page follows
        int fetch = limit == Integer.MAX_VALUE ? limit : limit + 1;
        List<Share> rows = item.isPresent()
                ? sql.listByOwnerAndItem(owner.value(), item.get().toString(), after.createdAt(), after.id(), fetch)
                : sql.listByOwner(owner.value(), after.createdAt(), after.id(), fetch);
        if (rows.size() <= limit) {
            return new SharePage(rows, Optional.empty());
        }
        List<Share> page = rows.subList(0, limit);
        return new SharePage(
                page, Optional.of(ShareCursor.after(page.get(limit - 1)).encode()));
    }

    @Override
    public List<Share> findByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return sql.findByOwnerAndPathPrefix(owner.value(), path.toString(), below(path));
    }

    @Override
    public List<Share> findChildren(ShareId parent) {
        return sql.findChildren(parent.toString());
    }

    @Override
    public boolean update(Share share) {
        return sql.update(
                        share.id().toString(),
                        share.passwordHash().orElse(null),
                        Instants.toMillis(share.expiresAt()),
                        share.permissions().read(),
                        share.permissions().write(),
                        share.permissions().reshare(),
                        share.label().orElse(null),
                        share.maxAccesses().orElse(null))
                > 0;
    }

    /**
     * A link without a parent in the one conditional UPDATE, in plain JDBC (it runs on every open
     * of a limited link); a reshared link in one transaction of
     * that UPDATE per link of its chain, from the link that was not reshared down to the visitor's,
     * which counts only if every one of them matched. Each UPDATE locks its row and checks the
     * limit and expiry on the newest committed version of it (PostgreSQL and H2 both re-read a
     * row an UPDATE waited for), and the locks are held to the commit, so accesses through
     * different sub-links of one parent are counted one after the other. All transactions lock
     * from the top of the chain down, so two of them never wait for each other in a circle.
     */
    @Override
    public boolean recordAccess(LinkChain chain, Instant now) {
        long at = Instants.toMillis(now);
        List<String> ids =
                chain.rootFirst().stream().map(s -> s.id().toString()).toList();
        boolean counted;
        try (Connection c = dataSource.getConnection()) {
            counted = ids.size() == 1 ? countOne(c, ids.get(0), at) : countChain(c, ids, at);
        } catch (SQLException e) {
            throw new IllegalStateException("counting an access failed", e);
        }
        if (counted) {
            // the open is answered only once its count is in the file: a used-up link stays used up
            commits.await();
        }
        return counted;
    }

    private static boolean countOne(Connection c, String id, long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ShareSql.RECORD_ACCESS)) {
            ps.setLong(1, at);
            ps.setString(2, id);
            ps.setLong(3, at);
            return ps.executeUpdate() > 0;
        }
    }

    private static boolean countChain(Connection c, List<String> rootFirst, long at) throws SQLException {
        c.setAutoCommit(false);
        try {
            for (String id : rootFirst) {
                if (!countOne(c, id, at)) {
                    c.rollback();
                    return false;
                }
            }
            c.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /**
     * One connection and one prepared statement for the whole batch, in plain JDBC; each link's
     * UPDATE commits by itself (no lock is held across links), and the batch waits for the
     * database file once, at the end.
     */
    @Override
    public void addAccesses(Map<ShareId, CountedAccesses> counted) {
        if (counted.isEmpty()) {
            return;
        }
        boolean wrote = false;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ShareSql.ADD_ACCESSES)) {
            for (Iterator<Map.Entry<ShareId, CountedAccesses>> i =
                            counted.entrySet().iterator();
                    i.hasNext(); ) {
                Map.Entry<ShareId, CountedAccesses> link = i.next();
                long last = Instants.toMillis(link.getValue().last());
                ps.setLong(1, link.getValue().count());
                ps.setLong(2, last);
                ps.setLong(3, last);
                ps.setString(4, link.getKey().toString());
                ps.executeUpdate();
                wrote = true;
                i.remove();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("adding counted accesses failed", e);
        } finally {
            if (wrote) {
                commits.await();
            }
        }
    }

    @Override
    public int deleteWithDescendants(ShareId id) {
        return sql.deleteWithDescendants(id.toString());
    }

    @Override
    public int deleteByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return sql.deleteByOwnerAndPathPrefix(owner.value(), path.toString(), below(path));
    }

    @Override
    public int deleteByOwner(UserId owner) {
        return sql.deleteByOwner(owner.value());
    }

    @Override
    public int deleteByRoom(RoomId room) {
        return sql.deleteByRoom(room.toString());
    }

    /**
     * The LIKE pattern of every item strictly below {@code path}: a prefix is a whole number of
     * segments, so {@code /a} reaches {@code /a/b} but not {@code /ab}. Path characters that are
     * LIKE wildcards ({@code %}, {@code _}) or the escape character ({@code !}) are escaped.
     */
    static String below(ItemPath path) {
        String prefix = path.isRoot() ? "/" : path + "/";
        StringBuilder pattern = new StringBuilder(prefix.length() + 8);
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '%' || c == '_' || c == '!') {
                pattern.append('!');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
