-- The catalog: a listing projection of targets and schedules that grains upsert. Each row keeps the
-- full view as JSON text plus the columns it is filtered and sorted by; tags live in join tables so a tag
-- filter is an exact match on one tag. Instants are Unix milliseconds; ids sort byte-wise ("C" collation).

CREATE TABLE IF NOT EXISTS oc_targets
(
    id text COLLATE "C" NOT NULL PRIMARY KEY,
    owner text NOT NULL,
    name text NOT NULL,
    tags text NOT NULL,
    view text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_oc_targets_owner ON oc_targets (owner, id);

CREATE TABLE IF NOT EXISTS oc_target_tags
(
    tag text NOT NULL,
    target_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (tag, target_id)
);

CREATE INDEX IF NOT EXISTS ix_oc_target_tags_target ON oc_target_tags (target_id);

CREATE TABLE IF NOT EXISTS oc_schedules
(
    id text COLLATE "C" NOT NULL PRIMARY KEY,
    target_id text NOT NULL,
    owner text NOT NULL,
    kind text NOT NULL,
    status text NOT NULL,
    tags text NOT NULL,
    next_fire_at bigint NULL,
    view text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_oc_schedules_owner ON oc_schedules (owner, id);
CREATE INDEX IF NOT EXISTS ix_oc_schedules_target ON oc_schedules (target_id, id);
CREATE INDEX IF NOT EXISTS ix_oc_schedules_status ON oc_schedules (status, id);
CREATE INDEX IF NOT EXISTS ix_oc_schedules_next_fire
    ON oc_schedules (next_fire_at, id) WHERE status = 'active' AND next_fire_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS oc_schedule_tags
(
    tag text NOT NULL,
    schedule_id text COLLATE "C" NOT NULL,
    PRIMARY KEY (tag, schedule_id)
);

CREATE INDEX IF NOT EXISTS ix_oc_schedule_tags_schedule ON oc_schedule_tags (schedule_id);
