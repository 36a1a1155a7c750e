using OrleansCron.Catalog;

namespace OrleansCron.Gateway.Contracts;

/// <summary>A schedule's next fire, in the cross-schedule upcoming list.</summary>
public sealed record UpcomingEntryResponse(string ScheduleId, string TargetId, DateTimeOffset NextFireAt)
{
    internal static UpcomingEntryResponse From(UpcomingEntry entry) => new(entry.ScheduleId, entry.TargetId, entry.NextFireAt);
}
