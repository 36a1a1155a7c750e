using System.Globalization;
using System.Text.Json.Nodes;
using OrleansCron.Bench.Plans;

namespace OrleansCron.Bench.Api;

/// <summary>The POST /schedules body that makes schedule <c>index</c> of a cohort due at exactly the cohort's instants.</summary>
public static class ScheduleBodies
{
    public static JsonObject For(Cohort cohort, int index, string targetId) => cohort.Kind switch
    {
        // start_at is the interval's anchor, so the phase is exact to the millisecond.
        CohortKind.Spread => new JsonObject
        {
            ["target_id"] = targetId,
            ["schedule_type"] = "interval",
            ["interval_seconds"] = cohort.PeriodMs / 1000,
            ["start_at"] = ServiceApi.Instant(cohort.PhaseOf(index)),
        },
        CohortKind.Aligned => Aligned(cohort, targetId),
        _ => new JsonObject
        {
            ["target_id"] = targetId,
            ["schedule_type"] = "once",
            ["run_at"] = ServiceApi.Instant(cohort.AnchorUnixMs),
        },
    };

    private static JsonObject Aligned(Cohort cohort, string targetId)
    {
        var body = new JsonObject
        {
            ["target_id"] = targetId,
            ["schedule_type"] = "cron",
            ["cron_expression"] = string.Create(CultureInfo.InvariantCulture, $"*/{cohort.PeriodMs / 1000} * * * * *"),
        };
        if (cohort.AnchorUnixMs > 0)
        {
            body["start_at"] = ServiceApi.Instant(cohort.AnchorUnixMs);
        }

        return body;
    }

    /// <summary>A schedule that will not fire during any run: daily, first due a week from now.</summary>
    public static JsonObject FarOff(string targetId, long nowMs, int index) => new()
    {
        ["target_id"] = targetId,
        ["schedule_type"] = "interval",
        ["interval_seconds"] = 86_400,
        ["start_at"] = ServiceApi.Instant(nowMs + TimeSpan.FromDays(7).Ticks / TimeSpan.TicksPerMillisecond + (index % 86_400_000)),
    };
}
