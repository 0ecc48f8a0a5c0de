-- A group of submits whose jobs are in the database but maybe not yet on the job queue: written in the transaction
-- that inserts the group's jobs (which are inserted already marked queued), removed once the broker has committed
-- the group's job messages. One narrow row per group instead of marking every job queued afterwards. A group still
-- here after courtside.worker.requeue-after (the process died between the two commits) has its jobs' queued mark
-- taken off, and the requeue timer queues them again.
CREATE TABLE submit_group_in_doubt (
    group_id     CHAR(32)     NOT NULL PRIMARY KEY,
    -- The group's JobIds, comma separated.
    job_ids      TEXT         NOT NULL,
    create_time  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_submit_group_in_doubt_created ON submit_group_in_doubt (create_time);
