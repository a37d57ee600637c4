-- The deletion fence (DeletionFence): share links are never created on an item while it is being
-- deleted, also between processes on one database. Portable SQL: runs unchanged on H2 2.x and
-- PostgreSQL 15. Instants are epoch milliseconds (BIGINT).

-- One row per scope (a user's space, a room): how many deletions have begun in it. A deletion
-- adds one, a link is inserted only while the count is still the one its creator saw; both
-- statements lock the row, so the two transactions are ordered.
CREATE TABLE deletion_scopes (
    scope  VARCHAR(128) NOT NULL,
    begun  BIGINT       NOT NULL,
    CONSTRAINT deletion_scopes_pk PRIMARY KEY (scope)
);

-- Deletions in progress. A marker ends with its deletion, or by itself at lease_until should the
-- deleter die: nothing a crash leaves here lasts.
CREATE TABLE deletion_markers (
    id          VARCHAR(36)  NOT NULL,
    scope       VARCHAR(128) NOT NULL,
    item_path   VARCHAR      NOT NULL,
    lease_until BIGINT       NOT NULL,
    CONSTRAINT deletion_markers_pk PRIMARY KEY (id)
);

CREATE INDEX deletion_markers_scope_idx ON deletion_markers (scope, lease_until);
