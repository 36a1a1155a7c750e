namespace OrleansCron.Runs;

/// <summary>A filter over run history, newest first.</summary>
/// <param name="ScheduleId">Only this schedule's runs.</param>
/// <param name="Status">Only runs with this status.</param>
/// <param name="From">Only runs scheduled at or after this instant.</param>
/// <param name="To">Only runs scheduled before this instant.</param>
/// <param name="Cursor">The <see cref="RunPage.NextCursor"/> of the previous page.</param>
/// <param name="Limit">Page size.</param>
[GenerateSerializer, Immutable, Alias("oc.RunQuery")]
public sealed record RunQuery(
    [property: Id(0)] string? ScheduleId,
    [property: Id(1)] RunStatus? Status,
    [property: Id(2)] DateTimeOffset? From,
    [property: Id(3)] DateTimeOffset? To,
    [property: Id(4)] string? Cursor,
    [property: Id(5)] int Limit);
