-- Resumable uploads in progress (tus, docs/uploads.md), shared by every instance on the database.
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15. Instants are epoch milliseconds (BIGINT).
-- Exactly one of user_id (an owner's upload into their space) and share_id (through a link) is set;
-- a row goes with its user or link. The bytes are in the partial file named after the id.
CREATE TABLE uploads (
    id            VARCHAR(32)   NOT NULL,
    user_id       VARCHAR(64),
    share_id      VARCHAR(36),
    target        VARCHAR(4096) NOT NULL,
    upload_length BIGINT        NOT NULL,
    upload_offset BIGINT        NOT NULL,
    metadata      VARCHAR(4096) NOT NULL,
    created_at    BIGINT        NOT NULL,
    expires_at    BIGINT        NOT NULL,
    CONSTRAINT uploads_pk PRIMARY KEY (id),
    CONSTRAINT uploads_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT uploads_share_fk FOREIGN KEY (share_id) REFERENCES shares (id) ON DELETE CASCADE,
    CONSTRAINT uploads_one_owner CHECK ((user_id IS NULL) <> (share_id IS NULL)),
    CONSTRAINT uploads_offset CHECK (upload_offset >= 0 AND upload_offset <= upload_length)
);

CREATE INDEX uploads_expires_idx ON uploads (expires_at);
CREATE INDEX uploads_user_idx ON uploads (user_id);
CREATE INDEX uploads_share_idx ON uploads (share_id);
