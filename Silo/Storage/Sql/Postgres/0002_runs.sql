-- Run history. A row is its occurrence's claim: (schedule_id, occurrence) is unique, and so is the
-- scheduled instant of a non-manual run, a second guard against firing one instant under two numbers.
-- Instants are Unix milliseconds (UTC) as bigint, as on SQLite, so both engines share their SQL;
-- status and trigger are the API's snake_case names; attempts are JSON text. Ids use the "C"
-- collation: they sort and page byte-wise, as on SQLite, whatever the database's locale.

CREATE TABLE IF NOT EXISTS oc_runs
(
    schedule_id text COLLATE "C" NOT NULL,
    occurrence bigint NOT NULL,
    run_id text COLLATE "C" NOT NULL,
    owner text NOT NULL,
    target_id text NOT NULL,
    scheduled_at bigint NOT NULL,
    started_at bigint NULL,
    finished_at bigint NULL,
    status text NOT NULL,
    "trigger" text NOT NULL,
    attempts text NOT NULL,
    next_attempt_at bigint NULL,
    claimed_by text NULL,
    updated_at bigint NOT NULL,
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
