-- The catalog: a listing projection of targets and schedules that grains upsert. Each row keeps the
-- full view as JSON plus the columns it is filtered and sorted by; tags live in join tables so a tag
-- filter is an exact match on one tag.

CREATE TABLE IF NOT EXISTS oc_targets
(
    id TEXT NOT NULL PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    tags TEXT NOT NULL,
    view TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_oc_targets_owner ON oc_targets (owner, id);

CREATE TABLE IF NOT EXISTS oc_target_tags
(
    tag TEXT NOT NULL,
    target_id TEXT NOT NULL,
    PRIMARY KEY (tag, target_id)
);

CREATE INDEX IF NOT EXISTS ix_oc_target_tags_target ON oc_target_tags (target_id);

CREATE TABLE IF NOT EXISTS oc_schedules
(
    id TEXT NOT NULL PRIMARY KEY,
    target_id TEXT NOT NULL,
    owner TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    tags TEXT NOT NULL,
    next_fire_at INTEGER NULL,
    view TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_oc_schedules_owner ON oc_schedules (owner, id);
CREATE INDEX IF NOT EXISTS ix_oc_schedules_target ON oc_schedules (target_id, id);
CREATE INDEX IF NOT EXISTS ix_oc_schedules_status ON oc_schedules (status, id);
CREATE INDEX IF NOT EXISTS ix_oc_schedules_next_fire
    ON oc_schedules (next_fire_at, id) WHERE status = 'active' AND next_fire_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS oc_schedule_tags
(
    tag TEXT NOT NULL,
    schedule_id TEXT NOT NULL,
    PRIMARY KEY (tag, schedule_id)
);

CREATE INDEX IF NOT EXISTS ix_oc_schedule_tags_schedule ON oc_schedule_tags (schedule_id);
