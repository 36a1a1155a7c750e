namespace OrleansCron.History;

/// <summary>A schedule with unfinished runs claimed by <paramref name="ClaimedBy"/> (a silo address, or null).</summary>
internal readonly record struct UnfinishedClaim(string ScheduleId, string? ClaimedBy);
