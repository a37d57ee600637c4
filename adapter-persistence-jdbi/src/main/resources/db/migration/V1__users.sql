-- Users and the SHA-256 digests of their API tokens (the token itself is never stored).
-- Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15. Instants are epoch milliseconds in
-- BIGINT columns, which round-trip exactly on both and need no time-zone handling.
CREATE TABLE users (
    id         VARCHAR(64)  NOT NULL,
    token_hash VARCHAR(128) NOT NULL,
    created_at BIGINT       NOT NULL,
    CONSTRAINT users_pk PRIMARY KEY (id)
);

CREATE UNIQUE INDEX users_token_hash_uq ON users (token_hash);
