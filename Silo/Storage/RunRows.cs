using System.Collections.Immutable;
using System.Data.Common;
using System.Text.Json;
using OrleansCron.Runs;
using OrleansCron.Storage;

namespace OrleansCron.Silo.Storage;

/// <summary>Maps <c>oc_runs</c> rows to <see cref="RunRecord"/> and back.</summary>
internal static class RunRows
{
    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns =
        "schedule_id, occurrence, run_id, owner, target_id, scheduled_at, started_at, finished_at, status, \"trigger\", attempts, next_attempt_at, claimed_by";

    public static RunRecord Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new RunRecord(
            Id: reader.GetString(2),
            ScheduleId: reader.GetString(0),
            Occurrence: reader.GetInt64(1),
            ScheduledAt: StorageValues.FromUnixMs(reader.GetInt64(5)),
            StartedAt: ReadInstant(reader, 6),
            FinishedAt: ReadInstant(reader, 7),
            Status: StorageValues.ParseRunStatus(reader.GetString(8)),
            Trigger: StorageValues.ParseRunTrigger(reader.GetString(9)),
            Attempts: ReadAttempts(reader.GetString(10)),
            NextAttemptAt: ReadInstant(reader, 11),
            ClaimedBy: reader.IsDBNull(12) ? null : reader.GetString(12),
            Owner: reader.GetString(3),
            TargetId: reader.GetString(4));
    }

    public static string WriteAttempts(ImmutableArray<AttemptRecord> attempts) =>
        JsonSerializer.Serialize(attempts.IsDefault ? [] : attempts, StorageJson.Options);

    private static ImmutableArray<AttemptRecord> ReadAttempts(string json) =>
        JsonSerializer.Deserialize<ImmutableArray<AttemptRecord>>(json, StorageJson.Options);

    private static DateTimeOffset? ReadInstant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StorageValues.FromUnixMs(reader.GetInt64(ordinal));
}
