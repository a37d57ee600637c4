-- Several server instances on one database as one meeting server. Portable SQL: runs unchanged on
-- H2 2.x and PostgreSQL 15. Instants are epoch milliseconds (BIGINT).

-- Signaling tickets between POST /v1/rooms/{id}/start and the WebSocket: usable on any instance,
-- once (the row is deleted by the one that takes it). Only a SHA-256 digest of the ticket is kept.
CREATE TABLE meeting_tickets (
    digest     VARCHAR(128) NOT NULL,
    room_id    VARCHAR(36)  NOT NULL,
    user_id    VARCHAR(64),
    expires_at BIGINT       NOT NULL,
    CONSTRAINT meeting_tickets_pk PRIMARY KEY (digest),
    CONSTRAINT meeting_tickets_room_fk FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE
);

CREATE INDEX meeting_tickets_expires_idx ON meeting_tickets (expires_at);
CREATE INDEX meeting_tickets_room_idx ON meeting_tickets (room_id);

-- The running instances, each with a lease it renews while it runs (random id per process start).
-- A clean stop deletes its row; any instance deletes the rows whose lease ran out.
CREATE TABLE instances (
    id          VARCHAR(32) NOT NULL,
    started_at  BIGINT      NOT NULL,
    lease_until BIGINT      NOT NULL,
    CONSTRAINT instances_pk PRIMARY KEY (id)
);

CREATE INDEX instances_lease_idx ON instances (lease_until);

-- Who is connected to which meeting, on which instance; the rows go with their instance or room.
CREATE TABLE meeting_participants (
    id              VARCHAR(64) NOT NULL,
    room_id         VARCHAR(36) NOT NULL,
    user_id         VARCHAR(64),
    guest_moderator BOOLEAN     NOT NULL,
    instance_id     VARCHAR(32) NOT NULL,
    joined_at       BIGINT      NOT NULL,
    CONSTRAINT meeting_participants_pk PRIMARY KEY (id),
    CONSTRAINT meeting_participants_room_fk FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE,
    CONSTRAINT meeting_participants_instance_fk FOREIGN KEY (instance_id) REFERENCES instances (id)
        ON DELETE CASCADE
);

CREATE INDEX meeting_participants_room_idx ON meeting_participants (room_id, joined_at);
CREATE INDEX meeting_participants_instance_idx ON meeting_participants (instance_id);

-- The instance that holds a shared folder's creation claim: when its lease in `instances` has run
-- out (it died), another instance takes the claim over at once instead of after the claim's own lease.
ALTER TABLE shared_folders ADD COLUMN holder VARCHAR(32);

-- The number of the last room event published per room (PostgreSQL's LISTEN/NOTIFY channel):
-- incremented in the transaction that sends the notification, so numbers follow commit order.
CREATE TABLE room_event_seqs (
    room_id VARCHAR(36) NOT NULL,
    seq     BIGINT      NOT NULL,
    CONSTRAINT room_event_seqs_pk PRIMARY KEY (room_id)
);
