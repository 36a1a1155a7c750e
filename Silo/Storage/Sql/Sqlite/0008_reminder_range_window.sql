-- The reminder service's range read returns only the reminders it may load: those with a tick from one minute ago to
-- three minutes from now (the silo's 2-minute loading window, with a minute's margin each side for the time the read
-- takes and for clock skew; ReminderLoading in the silo). Orleans reads its range every refresh and drops what it
-- holds but no longer reads, as it drops a reminder it reads whose next tick is beyond the window; so reading fewer
-- rows changes nothing it runs, and a refresh reads a few minutes' worth of reminders instead of every row.
-- Ticks fall on StartTime + k x Period (both in ms below). With f = now - 1 minute, the first tick at or after f is
-- StartTime itself when StartTime >= f, else f + (Period - (f - StartTime) % Period) % Period; a row is read when
-- that is at most f + 4 minutes (240,000 ms). A row without a positive period is always read (Orleans refuses such a
-- period, and decides).

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key',
'SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
FROM (SELECT GrainId, ReminderName, StartTime, Period, Version,
             CAST(round((julianday(StartTime) - 2440587.5) * 86400000.0) AS INTEGER) AS StartMs
      FROM OrleansRemindersTable
      WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash) AS r,
     (SELECT CAST(round((julianday(''now'') - 2440587.5) * 86400000.0) AS INTEGER) - 60000 AS FromMs) AS w
WHERE r.Period <= 0
    OR CASE WHEN r.StartMs >= w.FromMs THEN r.StartMs - w.FromMs
            ELSE (r.Period - (w.FromMs - r.StartMs) % r.Period) % r.Period END <= 240000;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key',
'SELECT r.GrainId, r.ReminderName, r.StartTime, r.Period, r.Version
FROM (SELECT GrainId, ReminderName, StartTime, Period, Version,
             CAST(round((julianday(StartTime) - 2440587.5) * 86400000.0) AS INTEGER) AS StartMs
      FROM OrleansRemindersTable
      WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)) AS r,
     (SELECT CAST(round((julianday(''now'') - 2440587.5) * 86400000.0) AS INTEGER) - 60000 AS FromMs) AS w
WHERE r.Period <= 0
    OR CASE WHEN r.StartMs >= w.FromMs THEN r.StartMs - w.FromMs
            ELSE (r.Period - (w.FromMs - r.StartMs) % r.Period) % r.Period END <= 240000;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
