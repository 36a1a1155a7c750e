-- Each schedule's metrics (all time, last hour, last day) as JSON, one row per schedule, written in batches by the
-- metrics store: kept by the schedule itself instead of a grain of its own, so a fire costs no extra call or commit.

CREATE TABLE IF NOT EXISTS oc_schedule_metrics
(
    key TEXT NOT NULL PRIMARY KEY,
    payload TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) WITHOUT ROWID;
