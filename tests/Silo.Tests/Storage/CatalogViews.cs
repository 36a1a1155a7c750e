using System.Collections.Immutable;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Tests.Storage;

/// <summary>Targets and schedule views for catalog tests.</summary>
internal static class CatalogViews
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static TargetView Target(string id, string owner = "default", params string[] tags) => new(
        id,
        new TargetSpec(
            "Target " + id,
            "https://example.test/hook",
            "POST",
            ImmutableDictionary<string, string>.Empty.Add("X-Api-Key", SecretHeaders.Mask).Add("Accept", "application/json"),
            """{"run":"{{run_id}}"}""",
            30,
            [200, 202],
            [.. tags],
            owner),
        T0,
        T0.AddMinutes(1),
        1,
        null);

    public static ScheduleView Schedule(
        string id,
        string targetId = "t1",
        ScheduleStatus status = ScheduleStatus.Active,
        ScheduleKind kind = ScheduleKind.Cron,
        DateTimeOffset? nextFireAt = null,
        string owner = "default",
        params string[] tags) => new(
        id,
        new ScheduleSpec(
            targetId,
            kind,
            kind == ScheduleKind.Interval ? 60 : null,
            kind == ScheduleKind.Cron ? "*/5 * * * *" : null,
            "Europe/Berlin",
            kind == ScheduleKind.Once ? T0.AddHours(1) : null,
            null,
            null,
            null,
            null,
            OverlapPolicy.BufferOne,
            MisfirePolicy.FireOnce,
            ScheduleSpec.DefaultMisfireGraceSeconds,
            RetryPolicy.Default,
            [.. tags],
            "every five minutes",
            owner),
        status,
        nextFireAt,
        new RunSummary(id + ".1", 1, T0, Runs.RunStatus.Succeeded, Runs.RunTrigger.Schedule, 1, T0.AddSeconds(1)),
        T0,
        T0.AddMinutes(2),
        false);
}
