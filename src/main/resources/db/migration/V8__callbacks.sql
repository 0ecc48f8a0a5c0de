-- Who is sending a job's callback right now, and until when: callbacks are sent by several consumers (and workers)
-- at once, and a job's callback may be queued twice; one send at a time keeps "a callback delivered is not sent
-- again" true. A holder that died leaves a lease that simply runs out.
CREATE TABLE callback_lease (
    job_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    holder       VARCHAR(64)   NOT NULL,
    held_until   BIGINT        NOT NULL
);
