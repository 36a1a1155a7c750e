using System.Collections.Immutable;

namespace OrleansCron.Runs;

/// <summary>One occurrence of a schedule and everything that happened to it. Keyed uniquely by
/// (<see cref="ScheduleId"/>, <see cref="Occurrence"/>): inserting the record is the occurrence's claim.</summary>
/// <param name="Id">The run id (derived from schedule id and occurrence).</param>
/// <param name="ScheduleId">The schedule.</param>
/// <param name="Occurrence">The schedule's occurrence number, from 1.</param>
/// <param name="ScheduledAt">The instant it was due (for a manual run, when it was triggered).</param>
/// <param name="StartedAt">When the first attempt was sent.</param>
/// <param name="FinishedAt">When it reached a final status.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Trigger">What started it.</param>
/// <param name="Attempts">Attempts so far, in order.</param>
/// <param name="NextAttemptAt">When the next retry is due, while one waits.</param>
/// <param name="ClaimedBy">The silo that claimed it (used to tell a crashed claim from a live one).</param>
/// <param name="Owner">The schedule's owner.</param>
/// <param name="TargetId">The target it fired.</param>
[GenerateSerializer, Immutable, Alias("oc.RunRecord")]
public sealed record RunRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string ScheduleId,
    [property: Id(2)] long Occurrence,
    [property: Id(3)] DateTimeOffset ScheduledAt,
    [property: Id(4)] DateTimeOffset? StartedAt,
    [property: Id(5)] DateTimeOffset? FinishedAt,
    [property: Id(6)] RunStatus Status,
    [property: Id(7)] RunTrigger Trigger,
    [property: Id(8)] ImmutableArray<AttemptRecord> Attempts,
    [property: Id(9)] DateTimeOffset? NextAttemptAt,
    [property: Id(10)] string? ClaimedBy,
    [property: Id(11)] string Owner,
    [property: Id(12)] string TargetId)
{
    /// <summary>The run id of an occurrence: stable, so every attempt and every restart uses the same one.</summary>
    public static string MakeId(string scheduleId, long occurrence) => $"{scheduleId}.{occurrence}";

    /// <summary>Splits a run id into schedule id and occurrence; false when it is not one.</summary>
    public static bool TryParseId(string runId, out string scheduleId, out long occurrence)
    {
        var dot = runId.LastIndexOf('.');
        scheduleId = dot > 0 ? runId[..dot] : "";
        occurrence = 0;
        return dot > 0 && long.TryParse(runId.AsSpan(dot + 1), System.Globalization.NumberStyles.None, null, out occurrence) && occurrence > 0;
    }
}
