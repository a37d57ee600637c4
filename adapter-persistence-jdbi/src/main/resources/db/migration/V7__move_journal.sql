-- The moves of items with share links in progress (MoveJournal): a move is recorded before the
-- storage moves the item and the record is removed in the transaction that rewrites its links'
-- paths, so a process killed in between leaves a row from which any instance finishes the move
-- (docs/architecture.md, "Moving items with share links"). Portable SQL: runs unchanged on H2 2.x
-- and PostgreSQL 15. Instants are epoch milliseconds (BIGINT).
--
-- instance_id: the instance that runs the move (see `instances`), or that took it over from one
-- whose lease ran out; NULL once released (any instance settles it next). No foreign key: a row
-- must outlive the `instances` row of the process that died.
CREATE TABLE move_journal (
    id          VARCHAR(36) NOT NULL,
    owner_id    VARCHAR(64) NOT NULL,
    from_path   VARCHAR     NOT NULL,
    to_path     VARCHAR     NOT NULL,
    instance_id VARCHAR(32),
    started_at  BIGINT      NOT NULL,
    CONSTRAINT move_journal_pk PRIMARY KEY (id)
);

CREATE INDEX move_journal_started_idx ON move_journal (started_at);
