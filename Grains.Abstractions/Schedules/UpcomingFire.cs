namespace OrleansCron.Schedules;

/// <summary>One upcoming instant of a schedule.</summary>
/// <param name="At">The instant in UTC.</param>
/// <param name="Local">The same instant in the schedule's time zone.</param>
/// <param name="Dst">Whether a daylight-saving change moved it or skipped local times before it.</param>
[GenerateSerializer, Immutable, Alias("oc.UpcomingFire")]
public sealed record UpcomingFire(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] DateTimeOffset Local,
    [property: Id(2)] DstAdjustment Dst);
