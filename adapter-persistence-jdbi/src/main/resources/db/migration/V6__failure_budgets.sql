-- The budgets of failures of the public routes (wrong passwords per client and link, per link,
-- not-found answers per client), shared by every instance on one database. Used on PostgreSQL
-- (H2 serves one instance and keeps them in memory); the table is created on both, so that the
-- migrations stay one list. Instants are epoch milliseconds (BIGINT).
--
-- One row per budget and key: the key is a SHA-256 digest (of a client address, a link's token),
-- never the key itself; `attempts` holds the times of the attempts in the window, sorted, at
-- most the budget's limit; `last_taken` says whether the latest upsert added one (what the
-- statement returns); `expires_at` is when the newest attempt leaves the window, after which
-- any instance may delete the row.
CREATE TABLE failure_budgets (
    budget     VARCHAR(32)  NOT NULL,
    key_digest VARCHAR(64)  NOT NULL,
    attempts   BIGINT ARRAY NOT NULL,
    last_taken BOOLEAN      NOT NULL,
    expires_at BIGINT       NOT NULL,
    CONSTRAINT failure_budgets_pk PRIMARY KEY (budget, key_digest)
);

CREATE INDEX failure_budgets_expires_idx ON failure_budgets (expires_at);
