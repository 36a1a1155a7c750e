using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Silo.Storage;

/// <summary>How enums and instants are written to our own columns. The texts are the API's snake_case names and
/// are stored in rows and indexes: never change one.</summary>
internal static class StorageValues
{
    public static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToUnixMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static string ToText(RunStatus status) => status switch
    {
        RunStatus.Pending => "pending",
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.Skipped => "skipped",
        RunStatus.Missed => "missed",
        RunStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown run status."),
    };

    public static RunStatus ParseRunStatus(string text) => text switch
    {
        "pending" => RunStatus.Pending,
        "running" => RunStatus.Running,
        "succeeded" => RunStatus.Succeeded,
        "failed" => RunStatus.Failed,
        "skipped" => RunStatus.Skipped,
        "missed" => RunStatus.Missed,
        "interrupted" => RunStatus.Interrupted,
        _ => throw new FormatException($"Unknown stored run status '{text}'."),
    };

    public static string ToText(RunTrigger trigger) => trigger switch
    {
        RunTrigger.Schedule => "schedule",
        RunTrigger.Manual => "manual",
        RunTrigger.CatchUp => "catch_up",
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown run trigger."),
    };

    public static RunTrigger ParseRunTrigger(string text) => text switch
    {
        "schedule" => RunTrigger.Schedule,
        "manual" => RunTrigger.Manual,
        "catch_up" => RunTrigger.CatchUp,
        _ => throw new FormatException($"Unknown stored run trigger '{text}'."),
    };

    public static string ToText(ScheduleStatus status) => status switch
    {
        ScheduleStatus.Active => "active",
        ScheduleStatus.Paused => "paused",
        ScheduleStatus.Completed => "completed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown schedule status."),
    };

    public static string ToText(ScheduleKind kind) => kind switch
    {
        ScheduleKind.Interval => "interval",
        ScheduleKind.Cron => "cron",
        ScheduleKind.Once => "once",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown schedule kind."),
    };
}
