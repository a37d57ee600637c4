package dev.sharebridge.adapter.persistence.jdbi;

import dev.sharebridge.application.port.out.dav.DavLockStore;
import dev.sharebridge.application.port.out.dav.DavSpaceKey;
import dev.sharebridge.application.port.out.dav.DeadPropertyStore;
import dev.sharebridge.domain.dav.DavLock;
import dev.sharebridge.domain.item.ItemPath;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The WebDAV locks and dead properties in the V8 tables, for every instance on one database (H2
 * or PostgreSQL; SQL: {@link DavSql}). Reads are one statement each. A change of a space runs
 * in a transaction that first locks the space's row in {@code dav_spaces}: a LOCK is checked by
 * {@link DavLock#admits} against the live locks read under that row lock and inserted before it
 * is released, so two instances never both add conflicting locks. The row is made on a space's
 * first change; it references its user or link and ends with it, taking the state along.
 */
final class JdbiDavState implements DavLockStore, DeadPropertyStore {
    private final Jdbi jdbi;

    JdbiDavState(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    // ---- locks -------------------------------------------------------------------------------

    @Override
    public List<DavLock> live(DavSpaceKey space, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(DavSql.LIVE_LOCKS)
                .bind("space", space.id())
                .bind("now", Instants.toMillis(now))
                .map((rs, ctx) -> lock(rs))
                .list());
    }

    @Override
    public Optional<DavLock> byToken(DavSpaceKey space, String token, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(DavSql.LOCK_BY_TOKEN)
                .bind("space", space.id())
                .bind("now", Instants.toMillis(now))
                .bind("token", token)
                .map((rs, ctx) -> lock(rs))
                .findOne());
    }

    @Override
    public boolean lock(DavSpaceKey space, DavLock wanted, Instant now) {
        if (wanted.token().length() > DavLock.MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("a lock token is at most " + DavLock.MAX_TOKEN_LENGTH + " characters");
        }
        return inSpace(space, h -> {
            h.createUpdate(DavSql.DELETE_EXPIRED_LOCKS)
                    .bind("space", space.id())
                    .bind("now", Instants.toMillis(now))
                    .execute();
            List<DavLock> live = h.createQuery(DavSql.LIVE_LOCKS)
                    .bind("space", space.id())
                    .bind("now", Instants.toMillis(now))
                    .map((rs, ctx) -> lock(rs))
                    .list();
            if (!DavLock.admits(live, wanted)) {
                return false;
            }
            h.createUpdate(DavSql.INSERT_LOCK)
                    .bind("space", space.id())
                    .bind("token", wanted.token())
                    .bind("path", wanted.path().toString())
                    .bind("exclusive", wanted.exclusive())
                    .bind("infinite", wanted.infinite())
                    .bind("owner", wanted.owner())
                    .bind("timeout", wanted.timeout().toMillis())
                    .bind("expires", Instants.toMillis(wanted.expires()))
                    .execute();
            return true;
        });
    }

    @Override
    public Optional<DavLock> refresh(DavSpaceKey space, String token, Duration timeout, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<DavLock> lock = h.createQuery(DavSql.LOCK_BY_TOKEN)
                    .bind("space", space.id())
                    .bind("now", Instants.toMillis(now))
                    .bind("token", token)
                    .map((rs, ctx) -> lock(rs))
                    .findOne();
            if (lock.isEmpty()) {
                return lock;
            }
            DavLock renewed = lock.get().refreshed(timeout, now);
            int updated = h.createUpdate(DavSql.REFRESH_LOCK)
                    .bind("space", space.id())
                    .bind("token", token)
                    .bind("now", Instants.toMillis(now))
                    .bind("timeout", renewed.timeout().toMillis())
                    .bind("expires", Instants.toMillis(renewed.expires()))
                    .execute();
            return updated == 1 ? Optional.of(renewed) : Optional.empty();
        });
    }

    @Override
    public boolean unlock(DavSpaceKey space, String token) {
        return jdbi.withHandle(h -> h.createUpdate(DavSql.DELETE_LOCK)
                        .bind("space", space.id())
                        .bind("token", token)
                        .execute())
                > 0;
    }

    @Override
    public void release(DavSpaceKey space, ItemPath path) {
        jdbi.useHandle(
                h -> tree(h.createUpdate(DavSql.DELETE_LOCK_TREE), space, path).execute());
    }

    // ---- dead properties ---------------------------------------------------------------------

    @Override
    public Map<Name, String> of(DavSpaceKey space, ItemPath path) {
        Map<Name, String> props = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery(DavSql.PROPERTIES)
                .bind("space", space.id())
                .bind("path", path.toString())
                .map((rs, ctx) -> Map.entry(
                        new Name(rs.getString("prop_ns"), rs.getString("prop_local")), rs.getString("prop_value")))
                .forEach(e -> props.put(e.getKey(), e.getValue())));
        return props;
    }

    @Override
    public boolean apply(DavSpaceKey space, ItemPath path, List<Change> changes) {
        return inSpace(space, h -> {
            boolean known = h.createQuery(DavSql.HAS_PROPERTIES)
                            .bind("space", space.id())
                            .bind("path", path.toString())
                            .mapTo(Long.class)
                            .one()
                    > 0;
            if (!known
                    && h.createQuery(DavSql.RESOURCES)
                                    .bind("space", space.id())
                                    .mapTo(Long.class)
                                    .one()
                            >= MAX_RESOURCES_PER_SPACE) {
                return false;
            }
            for (Change c : changes) {
                if (c.value().isEmpty()) {
                    property(h.createUpdate(DavSql.DELETE_PROPERTY), space, path, c.name())
                            .execute();
                    continue;
                }
                int updated = property(h.createUpdate(DavSql.UPDATE_PROPERTY), space, path, c.name())
                        .bind("value", c.value().get())
                        .execute();
                if (updated == 0) {
                    property(h.createUpdate(DavSql.INSERT_PROPERTY), space, path, c.name())
                            .bind("value", c.value().get())
                            .execute();
                }
            }
            return true;
        });
    }

    @Override
    public void delete(DavSpaceKey space, ItemPath path) {
        jdbi.useHandle(h ->
                tree(h.createUpdate(DavSql.DELETE_PROPERTY_TREE), space, path).execute());
    }

    @Override
    public void transfer(DavSpaceKey space, ItemPath from, ItemPath to, boolean tree, boolean removeSource) {
        if (from.equals(to) || to.startsWith(from) || from.startsWith(to)) {
            throw new IllegalArgumentException("the source and the destination overlap");
        }
        inSpace(space, h -> {
            tree(h.createUpdate(DavSql.DELETE_PROPERTY_TREE), space, to).execute();
            if (!tree) {
                h.createUpdate(DavSql.COPY_PROPERTIES)
                        .bind("space", space.id())
                        .bind("path", from.toString())
                        .bind("to", to.toString())
                        .execute();
            } else {
                tree(h.createUpdate(removeSource ? DavSql.MOVE_PROPERTY_TREE : DavSql.COPY_PROPERTY_TREE), space, from)
                        .bind("to", to.toString())
                        .bind("cut", from.toString().length() + 1)
                        .execute();
            }
            if (removeSource && !tree) {
                tree(h.createUpdate(DavSql.DELETE_PROPERTY_TREE), space, from).execute();
            }
            return true;
        });
    }

    // ---- helpers -----------------------------------------------------------------------------

    /**
     * Runs {@code work} in a transaction that holds the row lock of the space's row, which is
     * made first if the space has none yet (a concurrent first change makes it once: the other
     * insert fails on the key and the row is locked).
     */
    private <T> T inSpace(DavSpaceKey space, HandleCallback<T, RuntimeException> work) {
        for (int attempt = 0; ; attempt++) {
            Optional<T> done = jdbi.inTransaction(h -> {
                boolean held = h.createQuery(DavSql.LOCK_SPACE)
                        .bind("space", space.id())
                        .mapTo(String.class)
                        .findOne()
                        .isPresent();
                return held ? Optional.of(work.withHandle(h)) : Optional.<T>empty();
            });
            if (done.isPresent()) {
                return done.get();
            }
            if (attempt > 0) {
                throw new IllegalStateException("the WebDAV space " + space.id() + " could not be made");
            }
            addSpace(space);
        }
    }

    private void addSpace(DavSpaceKey space) {
        try {
            if (space instanceof DavSpaceKey.Owner o) {
                jdbi.useHandle(h -> h.createUpdate(DavSql.ADD_USER_SPACE)
                        .bind("space", space.id())
                        .bind("user", o.user().value())
                        .execute());
            } else if (space instanceof DavSpaceKey.Link l) {
                jdbi.useHandle(h -> h.createUpdate(DavSql.ADD_LINK_SPACE)
                        .bind("space", space.id())
                        .bind("token", l.token())
                        .execute());
            }
        } catch (RuntimeException e) {
            if (!SqlStates.isIntegrityViolation(e)) {
                throw e;
            }
            // made by a concurrent first change, or the user or link is gone: the retry tells
        }
    }

    private static <S extends SqlStatement<S>> S tree(S statement, DavSpaceKey space, ItemPath path) {
        return statement
                .bind("space", space.id())
                .bind("path", path.toString())
                .bind("below", JdbiShareRepository.below(path));
    }

    private static <S extends SqlStatement<S>> S property(S statement, DavSpaceKey space, ItemPath path, Name name) {
        return statement
                .bind("space", space.id())
                .bind("path", path.toString())
                .bind("ns", name.namespace())
                .bind("local", name.local());
    }

    private static DavLock lock(ResultSet rs) throws SQLException {
        return new DavLock(
                rs.getString("token"),
                ItemPath.parse(rs.getString("item_path")),
                rs.getBoolean("is_exclusive"),
                rs.getBoolean("is_infinite"),
                rs.getString("lock_owner"),
                Duration.ofMillis(rs.getLong("timeout_ms")),
                Instant.ofEpochMilli(rs.getLong("expires_at")));
    }
}
