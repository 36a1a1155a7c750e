namespace OrleansCron.Bench.Processes;

/// <summary>One request the sink saw: its path ("s" service, "f" floor), keys, due instant and arrival.</summary>
public readonly record struct SinkRecord(string Source, string Key, string ScheduleId, long ScheduledUnixMs, long ArrivedUnixMicros);
