-- Tenancy: the AccessKey that submitted a job owns it, and only it (or an operator key) may read, list or cancel
-- it. caller_id cannot serve: before caller authentication it held whatever AccessKeyId a request named. Rows
-- from before this migration keep owner_key NULL, so only operator keys see them.
ALTER TABLE highlight_job ADD COLUMN owner_key VARCHAR(128);
CREATE INDEX ix_highlight_job_owner ON highlight_job (owner_key, create_time, job_id);

-- The courtside.api.max-queued-jobs bound counts the waiting (Init) jobs on every new submit.
CREATE INDEX ix_highlight_job_status ON highlight_job (status);

-- One row that new jobs lock (SELECT ... FOR UPDATE) while they count the waiting jobs and insert, so concurrent
-- submits cannot all pass the bound on the same count. Portable: H2 and PostgreSQL both lock the row.
CREATE TABLE job_admission (
    id  INTEGER NOT NULL PRIMARY KEY
);
INSERT INTO job_admission (id) VALUES (1);
