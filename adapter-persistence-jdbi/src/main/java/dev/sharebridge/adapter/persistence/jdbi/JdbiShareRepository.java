package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.cache.RecentReads;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** {@link ShareRepository} on the {@code shares} table. */
final class JdbiShareRepository implements ShareRepository {
    /** The public open path's lookup, in plain JDBC (see {@link #findByToken}). */
    private static final String BY_TOKEN = "SELECT " + ShareSql.COLUMNS + " FROM shares WHERE token = ?";
    private static final ShareRowMapper ROWS = new ShareRowMapper();
    /** The conditional UPDATE that counts an access on one link (exact under concurrency), in plain JDBC. */
    private static final String RECORD_ACCESS = """
            UPDATE shares
               SET access_count = access_count + 1, last_accessed_at = ?
             WHERE id = ?
               AND (max_accesses IS NULL OR access_count < max_accesses)
               AND (expires_at IS NULL OR expires_at > ?)
            """;

    private final DataSource dataSource;
    private final DurableCommits commits;
    private final ShareSql sql;
    private final AccessCounter counter;
    private final RecentReads<String, Optional<Share>> recent;

    /**
     * @param dataSource the pool behind {@code jdbi}, for the two statements of the public open
     *     path, which run in plain JDBC (see {@link #read})
     * @param maxStaleness how long a link's row may be reused for its token (see {@link RecentReads})
     * @param commits what the plain JDBC write waits for before it returns
     */
    JdbiShareRepository(Jdbi jdbi, DataSource dataSource, Duration maxStaleness, DurableCommits commits) {
        this.dataSource = dataSource;
        this.commits = commits;
        this.sql = jdbi.onDemand(ShareSql.class);
        this.counter = new AccessCounter(new AccessCounter.Sink() {
            @Override
            public void add(String id, long count, long last) {
                sql.addAccesses(id, count, last);
            }

            /**
             * One handle for the whole round, so that it waits for the database file once; each
             * UPDATE commits by itself, so no lock is held across links.
             */
            @Override
            public void addAll(Map<String, AccessCounter.Pending> batches) {
                jdbi.useHandle(h -> {
                    ShareSql each = h.attach(ShareSql.class);
                    for (Iterator<Map.Entry<String, AccessCounter.Pending>> i = batches.entrySet().iterator();
                            i.hasNext(); ) {
                        Map.Entry<String, AccessCounter.Pending> batch = i.next();
                        each.addAccesses(batch.getKey(), batch.getValue().count(), batch.getValue().last());
                        i.remove();
                    }
                });
            }
        });
        this.recent = new RecentReads<>(maxStaleness, System::nanoTime);
    }

    /** Hits and misses of the rows kept by token. */
    RecentReads.Stats recentStats() {
        return recent.stats();
    }

    /** For tests that change the table behind the repository's back. */
    void forgetRecent() {
        recent.changed();
    }

    /** Writes pending counts and stops counting in memory; called when the pool closes. */
    void close() {
        counter.close();
    }

    @Override
    public void insert(Share share) {
        insert(sql, share);
    }

    /** The one INSERT of a share, also run inside the deletion fence's transaction. */
    static void insert(ShareSql sql, Share share) {
        try {
            sql.insert(share.id().toString(), share.itemPath().toString(), share.itemType().wireName(),
                    share.roomId().map(RoomId::toString).orElse(null), share.token().value(),
                    share.passwordHash().orElse(null), Instants.toMillis(share.expiresAt()),
                    share.permissions().read(), share.permissions().write(), share.permissions().reshare(),
                    share.label().orElse(null), share.maxAccesses().orElse(null), share.accessCount(),
                    Instants.toMillis(share.lastAccessedAt()), Instants.toMillis(share.createdAt()),
                    share.createdBy().value(), share.parentId().map(ShareId::toString).orElse(null));
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
        counter.flush(id.toString());
        return sql.findById(id.toString());
    }

    /**
     * One recursive query, without writing the counts kept in memory first (as for
     * {@link #findByToken}): the open path of a reshared link asks on every request.
     */
    @Override
    public List<Share> findAncestors(Share link) {
        if (link.parentId().isEmpty()) {
            return List.of();
        }
        List<Share> ancestors = sql.findAncestors(link.parentId().get().toString(), LinkChain.MAX_LENGTH - 1);
        // what the rows say about counting the chain in memory
        ancestors.forEach(counter::learn);
        return ancestors;
    }

    @Override
    public Optional<Share> findByToken(ShareToken token) {
        // a link opened by many at once is read about once per maxStaleness (RecentReads); unknown
        // tokens are not kept (a link made elsewhere works at once), nor are limited links, whose
        // count moves with every open
        Optional<Share> found = recent.get(token.value(), () -> read(token),
                row -> row.isPresent() && row.get().maxAccesses().isEmpty());
        found.ifPresent(counter::learn);
        return found;
    }

    /**
     * On every public request (unless recently read), so in plain JDBC: under load, Jdbi's
     * per-statement work (handle, SQL parsing, argument binding, result iteration) cost as much CPU
     * as H2's own lookup. The count in the row may lag by a flush for links without a limit;
     * nothing shows it.
     */
    private Optional<Share> read(ShareToken token) {
        Optional<Share> found;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(BY_TOKEN)) {
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
        counter.flush();
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
        return new SharePage(page, Optional.of(ShareCursor.after(page.get(limit - 1)).encode()));
    }

    @Override
    public List<Share> findByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        counter.flush();
        return sql.findByOwnerAndPathPrefix(owner.value(), path.toString(), below(path));
    }

    @Override
    public List<Share> findChildren(ShareId parent) {
        counter.flush();
        return sql.findChildren(parent.toString());
    }

    @Override
    public boolean update(Share share) {
        counter.forgetAll();
        counter.flush(share.id().toString());
        return recent.change(() -> sql.update(share.id().toString(), share.passwordHash().orElse(null),
                Instants.toMillis(share.expiresAt()), share.permissions().read(), share.permissions().write(),
                share.permissions().reshare(), share.label().orElse(null), share.maxAccesses().orElse(null))) > 0;
    }

    /**
     * Links whose whole chain is without a limit are counted in memory (see {@link AccessCounter});
     * a link without a parent in the one conditional UPDATE; a reshared link in one transaction of
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
        List<String> ids = chain.rootFirst().stream().map(s -> s.id().toString()).toList();
        if (counter.tryCount(ids, at)) {
            return true;
        }
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
        try (PreparedStatement ps = c.prepareStatement(RECORD_ACCESS)) {
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

    @Override
    public int deleteWithDescendants(ShareId id) {
        return delete(() -> sql.deleteWithDescendants(id.toString()));
    }

    @Override
    public int deleteByOwnerAndPathPrefix(UserId owner, ItemPath path) {
        return delete(() -> sql.deleteByOwnerAndPathPrefix(owner.value(), path.toString(), below(path)));
    }

    @Override
    public int deleteByOwner(UserId owner) {
        return delete(() -> sql.deleteByOwner(owner.value()));
    }

    @Override
    public int deleteByRoom(RoomId room) {
        return delete(() -> sql.deleteByRoom(room.toString()));
    }

    /** Writes pending counts and forgets remembered rows before a delete, and ends the kept rows after it. */
    private int delete(IntSupplier statement) {
        counter.forgetAll();
        counter.flush();
        return recent.change(statement::getAsInt);
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
