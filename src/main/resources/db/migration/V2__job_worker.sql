-- Which worker process ran (or is running) the job, for operators and for checking that work spreads.
ALTER TABLE highlight_job ADD COLUMN worker_id VARCHAR(128);
