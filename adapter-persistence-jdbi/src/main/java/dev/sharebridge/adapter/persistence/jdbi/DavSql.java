package dev.sharebridge.adapter.persistence.jdbi;

/**
 * The SQL of the WebDAV state (V8: {@code dav_spaces}, {@code dav_locks}, {@code dav_properties}),
 * all of it, for {@link JdbiDavState}. Portable: the same text on H2 2.x and PostgreSQL 15. A
 * "tree" condition matches a path and everything below it: {@code :path} is the path's text and
 * {@code :below} the LIKE pattern of {@link JdbiShareRepository#below}.
 */
final class DavSql {
    private DavSql() {}

    static final String LOCK_SPACE = "SELECT space FROM dav_spaces WHERE space = :space FOR UPDATE";
    static final String ADD_USER_SPACE = "INSERT INTO dav_spaces (space, user_id) VALUES (:space, :user)";
    /** Nothing when the link is gone. */
    static final String ADD_LINK_SPACE =
            "INSERT INTO dav_spaces (space, share_id) SELECT :space, id FROM shares WHERE token = :token";

    // ---- locks

    static final String LOCK_COLUMNS =
            "token, item_path, is_exclusive, is_infinite, lock_owner, timeout_ms, expires_at";
    static final String LIVE_LOCKS =
            "SELECT " + LOCK_COLUMNS + " FROM dav_locks WHERE space = :space AND expires_at > :now";
    static final String LOCK_BY_TOKEN = LIVE_LOCKS + " AND token = :token";
    static final String DELETE_EXPIRED_LOCKS = "DELETE FROM dav_locks WHERE space = :space AND expires_at <= :now";
    static final String INSERT_LOCK = "INSERT INTO dav_locks (space, " + LOCK_COLUMNS + ") VALUES (:space, :token,"
            + " :path, :exclusive, :infinite, :owner, :timeout, :expires)";
    static final String REFRESH_LOCK = "UPDATE dav_locks SET timeout_ms = :timeout, expires_at = :expires"
            + " WHERE space = :space AND token = :token AND expires_at > :now";
    static final String DELETE_LOCK = "DELETE FROM dav_locks WHERE space = :space AND token = :token";
    static final String DELETE_LOCK_TREE =
            "DELETE FROM dav_locks WHERE space = :space AND (item_path = :path OR item_path LIKE :below ESCAPE '!')";

    // ---- dead properties

    static final String PROPERTIES = "SELECT prop_ns, prop_local, prop_value FROM dav_properties"
            + " WHERE space = :space AND item_path = :path ORDER BY set_order";
    static final String HAS_PROPERTIES =
            "SELECT COUNT(*) FROM dav_properties WHERE space = :space AND item_path = :path";
    static final String RESOURCES = "SELECT COUNT(DISTINCT item_path) FROM dav_properties WHERE space = :space";
    static final String UPDATE_PROPERTY = "UPDATE dav_properties SET prop_value = :value"
            + " WHERE space = :space AND item_path = :path AND prop_ns = :ns AND prop_local = :local";
    static final String INSERT_PROPERTY =
            "INSERT INTO dav_properties (space, item_path, prop_ns, prop_local, prop_value, set_order)"
                    + " SELECT :space, :path, :ns, :local, :value, COALESCE(MAX(set_order), 0) + 1"
                    + " FROM dav_properties WHERE space = :space AND item_path = :path";
    static final String DELETE_PROPERTY = "DELETE FROM dav_properties"
            + " WHERE space = :space AND item_path = :path AND prop_ns = :ns AND prop_local = :local";
    static final String DELETE_PROPERTY_TREE = "DELETE FROM dav_properties"
            + " WHERE space = :space AND (item_path = :path OR item_path LIKE :below ESCAPE '!')";
    /** :from's tree to :to; :cut is the length of :from's text plus one. */
    static final String MOVE_PROPERTY_TREE =
            "UPDATE dav_properties SET item_path = CAST(:to AS VARCHAR) || SUBSTRING(item_path, :cut)"
                    + " WHERE space = :space AND (item_path = :path OR item_path LIKE :below ESCAPE '!')";

    static final String COPY_PROPERTY_TREE =
            "INSERT INTO dav_properties (space, item_path, prop_ns, prop_local, prop_value, set_order)"
                    + " SELECT space, CAST(:to AS VARCHAR) || SUBSTRING(item_path, :cut), prop_ns, prop_local, prop_value,"
                    + " set_order FROM dav_properties"
                    + " WHERE space = :space AND (item_path = :path OR item_path LIKE :below ESCAPE '!')";
    static final String COPY_PROPERTIES =
            "INSERT INTO dav_properties (space, item_path, prop_ns, prop_local, prop_value, set_order)"
                    + " SELECT space, :to, prop_ns, prop_local, prop_value, set_order FROM dav_properties"
                    + " WHERE space = :space AND item_path = :path";
}
