-- Orleans ADO.NET clustering on PostgreSQL: one version row per cluster (DeploymentId) and one row per silo.
-- Every change to a member row bumps the version row in the same statement, and only when the caller's
-- version (the etag it read) is still current: that is the optimistic concurrency the membership protocol
-- rests on. The version row is locked by the UPDATE, so a racing writer waits, re-checks and finds it stale.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId text NOT NULL PRIMARY KEY,
    Timestamp timestamptz NOT NULL DEFAULT now(),
    Version integer NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId text NOT NULL,
    Address text NOT NULL,
    Port integer NOT NULL,
    Generation integer NOT NULL,
    SiloName text NOT NULL,
    HostName text NOT NULL,
    Status integer NOT NULL,
    ProxyPort integer NULL,
    SuspectTimes text NULL,
    StartTime timestamptz NOT NULL,
    IAmAliveTime timestamptz NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- The provider reads one boolean: true when this call created the version row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $q$
WITH inserted AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*) > 0 FROM inserted
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- The member row is inserted only from the version row that the etag check let through, so both happen or neither.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
        AND NOT EXISTS (
            SELECT 1 FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId),
inserted AS (
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*) > 0 FROM inserted
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, Timestamp = now()
    WHERE DeploymentId = @DeploymentId AND Version = @Version
        AND EXISTS (
            SELECT 1 FROM OrleansMembershipTable
            WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation)
    RETURNING DeploymentId),
updated AS (
    UPDATE OrleansMembershipTable AS m
    SET Status = @Status, SuspectTimes = @SuspectTimes, IAmAliveTime = @IAmAliveTime
    FROM bumped
    WHERE m.DeploymentId = bumped.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    RETURNING 1)
SELECT count(*) > 0 FROM updated
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Liveness alone does not change the table's version (as the membership protocol expects).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Member columns and the version; the LEFT JOIN yields the version row (member columns null) when there are no members.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
    m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
    ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
    m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $q$
WITH members AS (DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId)
DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Rows of silos that stopped renewing their liveness before the cutoff, unless they claim to be active.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
