-- Meeting rooms, their members, invite codes and shared folders. Portable SQL: runs unchanged on H2 2.x and PostgreSQL 15.
-- Instants are epoch milliseconds (BIGINT). Ids are canonical lower-case UUID text.
CREATE TABLE rooms (
    id         VARCHAR(36)  NOT NULL,
    title      VARCHAR(255),
    created_by VARCHAR(64)  NOT NULL,
    created_at BIGINT       NOT NULL,
    CONSTRAINT rooms_pk PRIMARY KEY (id)
);

CREATE INDEX rooms_created_by_idx ON rooms (created_by);

CREATE TABLE room_members (
    room_id   VARCHAR(36) NOT NULL,
    user_id   VARCHAR(64) NOT NULL,
    moderator BOOLEAN     NOT NULL,
    CONSTRAINT room_members_pk PRIMARY KEY (room_id, user_id),
    CONSTRAINT room_members_room_fk FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE
);

CREATE INDEX room_members_user_idx ON room_members (user_id);

-- only a digest of each invite code is stored
CREATE TABLE room_invite_codes (
    code_hash  VARCHAR(128) NOT NULL,
    room_id    VARCHAR(36)  NOT NULL,
    created_at BIGINT       NOT NULL,
    CONSTRAINT room_invite_codes_pk PRIMARY KEY (code_hash),
    CONSTRAINT room_invite_codes_room_fk FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE
);

CREATE INDEX room_invite_codes_room_idx ON room_invite_codes (room_id);

-- One row per room. While the folder is being made, state is 'creating': a claim held until
-- lease_until, so concurrent calls (also from other server instances) create one folder and one
-- pair of links; the primary key makes the first INSERT the only winner. 'ready' rows carry the
-- folder and its links. Link passwords are kept sealed (SecretBox), never in plain text.
CREATE TABLE shared_folders (
    room_id              VARCHAR(36)  NOT NULL,
    state                VARCHAR(16)  NOT NULL,
    lease_until          BIGINT,
    provider             VARCHAR(32),
    folder               VARCHAR,
    read_link_id         VARCHAR(255),
    read_url             VARCHAR(2048),
    read_password_sealed VARCHAR(1024),
    rw_link_id           VARCHAR(255),
    rw_url               VARCHAR(2048),
    rw_password_sealed   VARCHAR(1024),
    created_at           BIGINT       NOT NULL,
    CONSTRAINT shared_folders_pk PRIMARY KEY (room_id),
    CONSTRAINT shared_folders_room_fk FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
    CONSTRAINT shared_folders_state_ck CHECK (
        (state = 'creating' AND lease_until IS NOT NULL)
        OR (state = 'ready' AND provider IS NOT NULL AND folder IS NOT NULL
            AND read_link_id IS NOT NULL AND read_url IS NOT NULL AND read_password_sealed IS NOT NULL
            AND rw_link_id IS NOT NULL AND rw_url IS NOT NULL AND rw_password_sealed IS NOT NULL))
);
