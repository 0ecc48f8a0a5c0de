-- Time spent per stage of a job's latest attempt. A stage entered more than once (rendering, then uploading,
-- per output) adds up; open_since is set while the stage runs.
CREATE TABLE highlight_job_stage (
    job_id      CHAR(32)    NOT NULL REFERENCES highlight_job (job_id),
    stage       VARCHAR(32) NOT NULL,
    seconds     DOUBLE PRECISION NOT NULL DEFAULT 0,
    open_since  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (job_id, stage)
);
