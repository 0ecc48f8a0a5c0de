-- The attempt running a job holds it until lease_until (renewed while it runs); lease_owner names the process
-- (worker id and a per-process token). A job is claimed only when no other attempt holds an unexpired lease, and
-- a Processing job whose lease ran out (its worker died, or its failure could not be recorded) is swept back
-- onto the queue.
ALTER TABLE highlight_job ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE highlight_job ADD COLUMN lease_owner VARCHAR(200);
CREATE INDEX highlight_job_lease ON highlight_job (status, lease_until);
