namespace OrleansCron.Bench.Sink;

/// <summary>One request as it arrived: which side sent it (path), its keys, its due instant and its arrival.</summary>
internal readonly record struct SinkRecord(string Source, string Key, string ScheduleId, long ScheduledUnixMs, long ArrivedUnixMicros);
