-- The outputs of a job rendered apart (courtside.split.render-min-duration): what every worker needs to render one
-- (the job's timeline and its outputs' plans, gzipped JSON, base64), stored once by the job's worker; and one row per
-- output a worker rendered and delivered, or failed on (its failure code and message). The job's worker waits until
-- every output is delivered (highlight_sub_job). Rows are deleted when the job's outputs are all in.
CREATE TABLE render_context (
    job_id      CHAR(32)  NOT NULL PRIMARY KEY,
    analysis    TEXT      NOT NULL,
    plans       TEXT      NOT NULL
);

CREATE TABLE output_render (
    job_id         CHAR(32)      NOT NULL,
    output_index   INT           NOT NULL,
    worker_id      VARCHAR(128),
    error_code     VARCHAR(64),
    error_message  VARCHAR(2000),
    done_time      BIGINT        NOT NULL,
    PRIMARY KEY (job_id, output_index)
);
