-- Job state. Portable SQL: runs on H2 (PostgreSQL mode) and PostgreSQL.

CREATE TABLE highlight_job (
    job_id         CHAR(32)     NOT NULL PRIMARY KEY,
    caller_id      VARCHAR(128) NOT NULL,
    client_token   VARCHAR(64),
    status         VARCHAR(16)  NOT NULL,
    stage          VARCHAR(32),
    progress       INTEGER      NOT NULL DEFAULT 0,
    input_config   TEXT         NOT NULL,
    output_config  TEXT         NOT NULL,
    user_data      TEXT,
    error_code     VARCHAR(64),
    error_message  VARCHAR(1024),
    attempts       INTEGER      NOT NULL DEFAULT 0,
    create_time    TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    queued_time    TIMESTAMP WITH TIME ZONE,
    complete_time  TIMESTAMP WITH TIME ZONE,
    -- Idempotency lives in the database, so concurrent duplicate submits cannot both insert.
    CONSTRAINT uq_highlight_job_client_token UNIQUE (caller_id, client_token)
);

CREATE INDEX ix_highlight_job_created ON highlight_job (create_time, job_id);
CREATE INDEX ix_highlight_job_unqueued ON highlight_job (queued_time, create_time);

CREATE TABLE highlight_sub_job (
    job_id         CHAR(32)     NOT NULL REFERENCES highlight_job (job_id),
    output_index   INTEGER      NOT NULL,
    sub_job_id     CHAR(32)     NOT NULL,
    media_url      VARCHAR(2048) NOT NULL,
    duration       DOUBLE PRECISION,
    status         VARCHAR(16)  NOT NULL,
    error_code     VARCHAR(64),
    error_message  VARCHAR(1024),
    PRIMARY KEY (job_id, output_index)
);
