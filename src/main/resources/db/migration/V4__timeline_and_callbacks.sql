-- Why each clip was chosen: shots, loudness curve and chosen clips, as JSON (ExtendOutput of the job).
ALTER TABLE highlight_job ADD COLUMN timeline TEXT;

-- Every attempt to deliver a job's callback, so callers and operators can see what happened to it.
CREATE TABLE callback_attempt (
    job_id        CHAR(32)      NOT NULL REFERENCES highlight_job (job_id),
    attempt_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    channel       VARCHAR(8)    NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    detail        VARCHAR(512)
);
CREATE INDEX ix_callback_attempt_job ON callback_attempt (job_id, attempt_time);
