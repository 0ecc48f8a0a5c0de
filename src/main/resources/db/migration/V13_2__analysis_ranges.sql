-- The ranges of a long game analysed on any worker (courtside.split): one row per range once it is analysed, its
-- result (gzipped JSON, base64) or its failure. The job's worker joins them when all range_count rows are in; a
-- crash of any worker loses no stored range. Rows are deleted once the job's timeline is joined.
CREATE TABLE analysis_range (
    job_id         CHAR(32)      NOT NULL,
    range_index    INT           NOT NULL,
    range_count    INT           NOT NULL,
    worker_id      VARCHAR(128),
    result         TEXT,
    error_code     VARCHAR(64),
    error_message  VARCHAR(2000),
    done_time      BIGINT        NOT NULL,
    PRIMARY KEY (job_id, range_index)
);
