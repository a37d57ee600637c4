-- Quotas and limits (docs/uploads.md, "Quotas and limits"). Portable SQL: runs unchanged on H2 2.x
-- and PostgreSQL 15. Sizes are bytes (BIGINT).
-- A user's quota: NULL follows [limits] user_quota_mib, 0 is none, more is the quota. used_bytes is
-- what the user's space holds plus what uploads under way have reserved; it changes only with a
-- conditional UPDATE (used_bytes + n <= quota), so that several instances never overshoot.
ALTER TABLE users ADD COLUMN quota_bytes BIGINT;
ALTER TABLE users ADD COLUMN used_bytes BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_quota_ck CHECK (quota_bytes IS NULL OR quota_bytes >= 0);
ALTER TABLE users ADD CONSTRAINT users_used_ck CHECK (used_bytes >= 0);

-- A link's limits (only on links with write): what it may receive in all, and per file.
-- received_bytes counts what it received (and what uploads under way through it reserved).
ALTER TABLE shares ADD COLUMN max_upload_bytes BIGINT;
ALTER TABLE shares ADD COLUMN max_file_bytes BIGINT;
ALTER TABLE shares ADD COLUMN received_bytes BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE shares ADD CONSTRAINT shares_max_upload_ck CHECK (max_upload_bytes IS NULL OR max_upload_bytes >= 1);
ALTER TABLE shares ADD CONSTRAINT shares_max_file_ck CHECK (max_file_bytes IS NULL OR max_file_bytes >= 1);
ALTER TABLE shares ADD CONSTRAINT shares_received_ck CHECK (received_bytes >= 0);
