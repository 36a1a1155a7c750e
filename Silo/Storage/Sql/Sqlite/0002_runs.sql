-- Run history. A row is its occurrence's claim: (schedule_id, occurrence) is unique, and so is the
-- scheduled instant of a non-manual run, a second guard against firing one instant under two numbers.
-- Instants are Unix milliseconds (UTC); status and trigger are the API's snake_case names.

CREATE TABLE IF NOT EXISTS oc_runs
(
    schedule_id TEXT NOT NULL,
    occurrence INTEGER NOT NULL,
    run_id TEXT NOT NULL,
    owner TEXT NOT NULL,
    target_id TEXT NOT NULL,
    scheduled_at INTEGER NOT NULL,
    started_at INTEGER NULL,
    finished_at INTEGER NULL,
    status TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    attempts TEXT NOT NULL,
    next_attempt_at INTEGER NULL,
    claimed_by TEXT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (schedule_id, occurrence)
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_oc_runs_instant
    ON oc_runs (schedule_id, scheduled_at) WHERE "trigger" <> 'manual';

-- Newest first, overall and per filter; run_id breaks ties and is the cursor's second key.
CREATE INDEX IF NOT EXISTS ix_oc_runs_newest ON oc_runs (scheduled_at DESC, run_id DESC);
CREATE INDEX IF NOT EXISTS ix_oc_runs_schedule_newest ON oc_runs (schedule_id, scheduled_at DESC, run_id DESC);
CREATE INDEX IF NOT EXISTS ix_oc_runs_status_newest ON oc_runs (status, scheduled_at DESC, run_id DESC);

CREATE INDEX IF NOT EXISTS ix_oc_runs_unfinished
    ON oc_runs (schedule_id, occurrence) WHERE status IN ('pending', 'running');

CREATE INDEX IF NOT EXISTS ix_oc_runs_finished
    ON oc_runs (finished_at) WHERE finished_at IS NOT NULL;
