-- Orleans ADO.NET providers on PostgreSQL: the query table, grain state and reminders.
-- The providers run each query as one command on a fresh pooled connection with no transaction, so every
-- query that must be atomic is one statement. Queries are upserted, so a later script can fix one.
-- Identifiers are unquoted (folded to lower case); Npgsql matches the providers' column names case-insensitively.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey text NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

-- A missing key extension is stored as '' so that the key can be unique; GrainIdHash (part of the key)
-- already tells a string key '' from an integer key without extension.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId text NOT NULL,
    GrainTypeString text NOT NULL,
    GrainIdHash integer NOT NULL,
    GrainIdN0 bigint NOT NULL,
    GrainIdN1 bigint NOT NULL,
    GrainIdExtensionString text NOT NULL,
    GrainTypeHash integer NOT NULL,
    PayloadBinary bytea NULL,
    ModifiedOn timestamptz NOT NULL,
    Version integer NOT NULL,
    PRIMARY KEY (ServiceId, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1, GrainIdExtensionString)
);

-- StartTime arrives as a UTC DateTime with DbType.DateTime, which Npgsql sends as timestamptz.
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId text NOT NULL,
    GrainId text NOT NULL,
    ReminderName text NOT NULL,
    StartTime timestamptz NOT NULL,
    Period bigint NOT NULL,
    GrainHash integer NOT NULL,
    Version integer NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_Hash ON OrleansRemindersTable (ServiceId, GrainHash);

-- Grain state. ReadFromStorage returns at most one row; a missing row reads as no state.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE ServiceId = @ServiceId
    AND GrainTypeString = @GrainTypeString
    AND GrainIdHash = @GrainIdHash
    AND GrainIdN0 = @GrainIdN0
    AND GrainIdN1 = @GrainIdN1
    AND GrainIdExtensionString = coalesce(@GrainIdExtensionString, '')
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- One statement for optimistic concurrency: a first write (no version) inserts version 1; a write with the
-- stored version bumps it; anything else (a stale version, a first write racing another, a version for a row
-- that is gone) returns no row, which the provider turns into InconsistentStateException. A racing first write
-- waits on the other's row lock, then finds the version condition false.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $q$
INSERT INTO OrleansStorage AS s
    (ServiceId, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1, GrainIdExtensionString,
     GrainTypeHash, PayloadBinary, ModifiedOn, Version)
SELECT @ServiceId, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''),
    @GrainTypeHash, @PayloadBinary, now(), 1
WHERE @GrainStateVersion IS NULL
    OR EXISTS (
        SELECT 1 FROM OrleansStorage
        WHERE ServiceId = @ServiceId
            AND GrainTypeString = @GrainTypeString
            AND GrainIdHash = @GrainIdHash
            AND GrainIdN0 = @GrainIdN0
            AND GrainIdN1 = @GrainIdN1
            AND GrainIdExtensionString = coalesce(@GrainIdExtensionString, ''))
ON CONFLICT (ServiceId, GrainTypeString, GrainIdHash, GrainIdN0, GrainIdN1, GrainIdExtensionString) DO UPDATE
    SET PayloadBinary = excluded.PayloadBinary,
        GrainTypeHash = excluded.GrainTypeHash,
        ModifiedOn = excluded.ModifiedOn,
        Version = s.Version + 1
    WHERE s.Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Clearing keeps the row (payload null, version bumped), so a stale activation still cannot write.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $q$
UPDATE OrleansStorage
SET PayloadBinary = NULL,
    ModifiedOn = now(),
    Version = Version + 1
WHERE ServiceId = @ServiceId
    AND GrainTypeString = @GrainTypeString
    AND GrainIdHash = @GrainIdHash
    AND GrainIdN0 = @GrainIdN0
    AND GrainIdN1 = @GrainIdN1
    AND GrainIdExtensionString = coalesce(@GrainIdExtensionString, '')
    AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Reminders.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Hashes are signed 32-bit: range 1 is (begin, end] when begin < end, range 2 the wrapped one.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
    SET StartTime = excluded.StartTime,
        Period = excluded.Period,
        GrainHash = excluded.GrainHash,
        Version = r.Version + 1
RETURNING Version
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- The provider reads exactly one truthy column, also when nothing matched.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
    RETURNING 1)
SELECT count(*) > 0 AS Deleted FROM deleted
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
