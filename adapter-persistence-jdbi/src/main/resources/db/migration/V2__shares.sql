-- Share links. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.
-- Instants are epoch milliseconds (BIGINT). Ids are canonical lower-case UUID text.
-- The token is a case-sensitive VARCHAR: both databases compare it byte for byte by default, so
-- the unique index does not shrink the token space (the repository re-checks the match anyway).
CREATE TABLE shares (
    id               VARCHAR(36)  NOT NULL,
    item_path        VARCHAR      NOT NULL,
    item_type        VARCHAR(16)  NOT NULL,
    room_id          VARCHAR(36),
    token            VARCHAR(64)  NOT NULL,
    password_hash    VARCHAR(255),
    expires_at       BIGINT,
    can_read         BOOLEAN      NOT NULL,
    can_write        BOOLEAN      NOT NULL,
    can_reshare      BOOLEAN      NOT NULL,
    label            VARCHAR(255),
    max_accesses     BIGINT,
    access_count     BIGINT       NOT NULL,
    last_accessed_at BIGINT,
    created_at       BIGINT       NOT NULL,
    created_by       VARCHAR(64)  NOT NULL,
    parent_id        VARCHAR(36),
    CONSTRAINT shares_pk PRIMARY KEY (id),
    -- a derived (reshared) link dies with its parent
    CONSTRAINT shares_parent_fk FOREIGN KEY (parent_id) REFERENCES shares (id) ON DELETE CASCADE,
    CONSTRAINT shares_access_count_ck CHECK (access_count >= 0),
    CONSTRAINT shares_max_accesses_ck CHECK (max_accesses IS NULL OR max_accesses >= 1)
);

CREATE UNIQUE INDEX shares_token_uq ON shares (token);
-- the owner's listing: keyset paging on (created_at desc, id desc)
CREATE INDEX shares_owner_created_idx ON shares (created_by, created_at, id);
CREATE INDEX shares_owner_path_idx ON shares (created_by, item_path);
CREATE INDEX shares_parent_idx ON shares (parent_id);
CREATE INDEX shares_room_idx ON shares (room_id);
