-- Which schedules fire which target, one row each: what a target's delete (409 or cascade) and replace (push the new
-- definition) go by. A set in the target grain's state would be rewritten whole on every schedule created.

CREATE TABLE IF NOT EXISTS oc_target_links
(
    target_id TEXT NOT NULL,
    schedule_id TEXT NOT NULL,
    PRIMARY KEY (target_id, schedule_id)
) WITHOUT ROWID;
