-- ix_highlight_job_status (status) repeats the head of highlight_job_lease (status, lease_until): every query on
-- status (the waiting-jobs count, counts by status) is served by the lease index as well, while each index is one
-- more write on every submit's insert and one more page rewritten on every commit.
DROP INDEX ix_highlight_job_status;
