package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.persistence.LinkAccess;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link ShareRepository} on the {@code shares} table: it only translates between the port and
 * the SQL of {@link ShareSql}. What makes the public open path fast lives in front of it, in
 * decorators of the port ({@code application.counting.AccessGroupCommit} hands the accesses that
 * arrive together to {@link #recordAccesses} as one batch; {@code
 * application.cache.RecentShareReads} keeps rows by token); here, only the choice of plain JDBC
 * for the statements that run on every open.
 */
final class JdbiShareRepository implements ShareRepository {
    private static final ShareRowMapper ROWS = new ShareRowMapper();

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final DurableCommits commits;
    private final ShareSql sql;

    /**
     * @param dataSource the pool behind {@code jdbi}, for the statements run in plain JDBC (see
     *     {@link ShareSql})
     * @param commits what the plain JDBC writes wait for before they return
     */
    JdbiShareRepository(Jdbi jdbi, DataSource dataSource, DurableCommits commits) {
        this.jdbi = jdbi;
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
                    share.parentId().map(ShareId::toString).orElse(null),
                    share.limits().maxUploadBytes().orElse(null),
                    share.limits().maxFileBytes().orElse(null));
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
     * The whole batch in one transaction, in plain JDBC (it runs for every counted open). First
     * every link of every chain is locked and read ({@link ShareSql#LOCK_FOR_COUNTING}), in the
     * order of their ids, the one order of every process, so two batches never wait for each
     * other in a circle; the locks are held to the commit, so what is granted is decided on the
     * newest committed row (a limit or expiry set meanwhile by any process is seen). The accesses
     * are granted in the order given; then one conditional UPDATE per link adds what was granted
     * ({@link ShareSql#ADD_GRANTED}, whose condition checks the limit once more in the database).
     * The batch is answered only once its commit is in the file: a used-up link stays used up and
     * a counted access stays counted.
     */
    @Override
    public List<Boolean> recordAccesses(List<LinkAccess> accesses) {
        if (accesses.isEmpty()) {
            return List.of();
        }
        Map<String, CountedRow> rows = new TreeMap<>();
        for (LinkAccess access : accesses) {
            for (Share link : access.chain().links()) {
                rows.put(link.id().toString(), new CountedRow());
            }
        }
        commits.writing();
        try {
            List<Boolean> granted = countInOneTransaction(accesses, rows);
            if (granted.contains(true)) {
                commits.await();
            }
            return granted;
        } finally {
            commits.settled();
        }
    }

    private List<Boolean> countInOneTransaction(List<LinkAccess> accesses, Map<String, CountedRow> rows) {
        List<Boolean> granted;
        // the pool sets auto-commit back when the connection returns to it
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                lock(c, rows);
                granted = grant(accesses, rows);
                addGranted(c, rows);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                // the failure that matters is the first: a cut connection fails the rollback too
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting accesses failed", e);
        }
        return granted;
    }

    /** What the batch read of one link, and what it grants on it. */
    private static final class CountedRow {
        boolean exists;
        long expiresAt = Long.MAX_VALUE;
        long maxAccesses = Long.MAX_VALUE;
        long accessCount;
        long granted;
        long last = Long.MIN_VALUE;

        boolean allows(long at) {
            return exists && at < expiresAt && accessCount + granted < maxAccesses;
        }
    }

    private static void lock(Connection c, Map<String, CountedRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ShareSql.LOCK_FOR_COUNTING)) {
            for (Map.Entry<String, CountedRow> link : rows.entrySet()) {
                ps.setString(1, link.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        CountedRow row = link.getValue();
                        row.exists = true;
                        long expiresAt = rs.getLong(1);
                        if (!rs.wasNull()) {
                            row.expiresAt = expiresAt;
                        }
                        long max = rs.getLong(2);
                        if (!rs.wasNull()) {
                            row.maxAccesses = max;
                        }
                        row.accessCount = rs.getLong(3);
                    }
                }
            }
        }
    }

    private static List<Boolean> grant(List<LinkAccess> accesses, Map<String, CountedRow> rows) {
        List<Boolean> granted = new ArrayList<>(accesses.size());
        for (LinkAccess access : accesses) {
            long at = Instants.toMillis(access.at());
            List<CountedRow> chain = access.chain().links().stream()
                    .map(link -> rows.get(link.id().toString()))
                    .toList();
            boolean ok = chain.stream().allMatch(row -> row.allows(at));
            if (ok) {
                for (CountedRow row : chain) {
                    row.granted++;
                    row.last = Math.max(row.last, at);
                }
            }
            granted.add(ok);
        }
        return granted;
    }

    private static void addGranted(Connection c, Map<String, CountedRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ShareSql.ADD_GRANTED)) {
            for (Map.Entry<String, CountedRow> link : rows.entrySet()) {
                CountedRow row = link.getValue();
                if (row.granted == 0) {
                    continue;
                }
                ps.setLong(1, row.granted);
                ps.setLong(2, row.last);
                ps.setLong(3, row.last);
                ps.setString(4, link.getKey());
                ps.setLong(5, row.granted);
                ps.setLong(6, row.last);
                if (ps.executeUpdate() == 0) {
                    // cannot happen while the row is locked; never count past a limit if it does
                    throw new IllegalStateException("a locked link changed while its accesses were counted");
                }
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

    /**
     * One transaction: the links on {@code to} go (with their descendants), then the rows on
     * {@code from} are locked and each gets its new path. The new paths come from {@link
     * ItemPath#movedTo}; a row whose path changed between the lock and the update cannot exist
     * (it is locked), and would fail the whole move rather than be skipped.
     */
    @Override
    public int moveByOwnerAndPathPrefix(UserId owner, ItemPath from, ItemPath to) {
        if (from.isRoot() || to.startsWith(from)) {
            throw new IllegalArgumentException("cannot move " + from + " to " + to);
        }
        return jdbi.inTransaction(h -> move(h.attach(ShareSql.class), owner, from, to, true));
    }

    /**
     * The statements of {@link #moveByOwnerAndPathPrefix}, also run inside the move journal's
     * transaction.
     *
     * @param clearDestination whether the links on {@code to} and below are deleted first
     */
    static int move(ShareSql tx, UserId owner, ItemPath from, ItemPath to, boolean clearDestination) {
        if (clearDestination) {
            tx.deleteByOwnerAndPathPrefix(owner.value(), to.toString(), below(to));
        }
        int moved = 0;
        for (ShareSql.MovedRow row : tx.lockByOwnerAndPathPrefix(owner.value(), from.toString(), below(from))) {
            String next = ItemPath.parse(row.itemPath()).movedTo(from, to).toString();
            if (tx.moveItemPath(row.id(), row.itemPath(), next) != 1) {
                throw new IllegalStateException("a locked link changed while it was moved");
            }
            moved++;
        }
        return moved;
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
