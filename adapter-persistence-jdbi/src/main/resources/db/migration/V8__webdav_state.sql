-- What the WebDAV spaces keep beside the content (docs/webdav.md): write locks and dead
-- properties, shared by every instance on one database. Portable SQL: H2 2.x and PostgreSQL 15.
-- Instants are epoch milliseconds (BIGINT); paths are the item path's text ('/a/b', '/' the root).
--
-- One row per space that ever had state: a user's own space ('user:' and the id) or a link's
-- ('link:' and the SHA-256 digest of its token). The row ends with its user or link (ON DELETE
-- CASCADE), and takes the space's locks and properties with it. Changes of a space lock its row
-- (SELECT ... FOR UPDATE) for their transaction, so that a lock is checked against the live
-- locks and added atomically across instances.
CREATE TABLE dav_spaces (
    space       VARCHAR(80) NOT NULL,
    user_id     VARCHAR(64),
    share_id    VARCHAR(36),
    CONSTRAINT dav_spaces_pk PRIMARY KEY (space),
    CONSTRAINT dav_spaces_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT dav_spaces_share_fk FOREIGN KEY (share_id) REFERENCES shares (id) ON DELETE CASCADE,
    CONSTRAINT dav_spaces_one_owner_ck CHECK ((user_id IS NULL AND share_id IS NOT NULL)
        OR (user_id IS NOT NULL AND share_id IS NULL))
);

CREATE INDEX dav_spaces_user_idx ON dav_spaces (user_id);
CREATE INDEX dav_spaces_share_idx ON dav_spaces (share_id);

-- A lock is gone once expires_at has passed: every read asks for expires_at > now, and a LOCK in
-- the space deletes the space's expired rows.
CREATE TABLE dav_locks (
    token        VARCHAR(64) NOT NULL,
    space        VARCHAR(80) NOT NULL,
    item_path    VARCHAR     NOT NULL,
    is_exclusive BOOLEAN     NOT NULL,
    is_infinite  BOOLEAN     NOT NULL,
    lock_owner   VARCHAR     NOT NULL,
    timeout_ms   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    CONSTRAINT dav_locks_pk PRIMARY KEY (token),
    CONSTRAINT dav_locks_space_fk FOREIGN KEY (space) REFERENCES dav_spaces (space) ON DELETE CASCADE
);

CREATE INDEX dav_locks_space_idx ON dav_locks (space, expires_at);

-- set_order: the order in which the properties of a resource were first set (allprop lists them so).
CREATE TABLE dav_properties (
    space      VARCHAR(80) NOT NULL,
    item_path  VARCHAR     NOT NULL,
    prop_ns    VARCHAR     NOT NULL,
    prop_local VARCHAR     NOT NULL,
    prop_value VARCHAR     NOT NULL,
    set_order  BIGINT      NOT NULL,
    CONSTRAINT dav_properties_space_fk FOREIGN KEY (space) REFERENCES dav_spaces (space) ON DELETE CASCADE
);

CREATE INDEX dav_properties_path_idx ON dav_properties (space, item_path);
